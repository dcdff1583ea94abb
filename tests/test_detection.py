"""Age groups and risk are found in the way people really write."""
from __future__ import annotations

from datetime import date

import pytest

from knowledge.context import age_group_of
from knowledge.countries import find_country
from knowledge.safety import (
    CRISIS,
    CRISIS_SOMEONE_ELSE,
    DANGER,
    about_someone_else,
    detect_risk,
    is_figurative,
    is_light,
    urgent_risk,
    writer_in_distress,
)
from knowledge.situation import ADULT, UNDER_18


@pytest.mark.parametrize("message", [
    "I'm 15", "im 14 and scared", "i am 17 years old", "16yo", "I'm in year 10", "yr 9",
    "I'm still at school", "im a teenager", "I'm in sixth form", "I'm underage", "17", "i'm seventeen",
    "just turned 16", "under 18", "my little brother is 12 and hes being threatened. im 19, what do i do",
    "my nephew (14) sent me a message", "im 15 and he's 28", "16 m, someone has my pics",
    "I'm a Scout leader. One of our Scouts (14) told me someone has pictures of him", "one of my pupils (15) told me",
    "15. a man online has my pics", "17 here. they screenshotted my followers",
    "hey 16 here, some girl on insta has my vid",
    "he wants steam gift cards. 14 btw", "16 fyi. he has my snap",
    "my lil bro (14) just told me someone has pics of him. im 20",
    "my boyfriend is 25 and says he'll post my nudes, im 17",
    "my cousin is 24 and he's threatening to post my pics. im 14", "15 btw hes 19",
    "im from derry, northern ireland. 17. someone from tiktok has pics of me",
    "my best mate has been sent threats, were both 15", "we're both 14",
    f"I was born in {date.today().year - 15}",
    # In another language, in its first person.
    "j'ai 16 ans", "tengo 15 años y tengo miedo", "ich bin 17", "16 yaşındayım",
])
def test_under_18(message: str) -> None:
    assert age_group_of(message).age_group == UNDER_18


@pytest.mark.parametrize("message", [
    "I'm 19", "i am 34", "I'm over 18", "im an adult", "22 years old", "i'm in my 30s", "45",
    "38, male. got caught out on a video call", "31 m. being blackmailed", "(23m) need help", "29/f here",
    "42, someone's got a video of me", "sorry typo im actually 19 lol", "asking for my mate, hes 28",
    "my husband just told me someone is blackmailing him", "I was born in 1994 if that matters",
    "i'm thirty-four and scared", "i stay in glasgow, 31, some guy on facebook has a video of me",
    "My flatmate (26) is being sextorted", "he says he'll send my nudes to my wife",
    "he's threatening to send the video to my wife",
    "A colleague of mine (he's about 40) told me someone is blackmailing him", "my workmate is 52 and scared",
])
def test_adult(message: str) -> None:
    assert age_group_of(message).age_group == ADULT


@pytest.mark.parametrize("message", [
    "I paid 50 quid", "I'm 5 minutes away", "I'm 100% sure it's them", "they want 200", "in year 2020",
    "I sent 15 pics", "I'm in trouble", "they want 500", "I'm so done", "he wants £50 m8", "I sent 20, maybe 30 pics",
    "it was 10 minutes ago", "born in 2025", "he wants £50, 100 by tonight", "paid 50, he wants more",
    "at 11, he messaged again", "its been 3 days. 10 messages", "there were 15 messages", "we're 20 minutes away",
    "£50. that's what he wants", "50. by tonight or he posts", "24 here is the deadline he gave",
    "48. hours. that's what he gave me", "10. that's how many people he sent it to", "12 here is what he sent",
    "It's 10 and he still hasn't replied", "Leeds is 20 minutes away", "hey 20 quid is what he wants",
    "ok 24 hours he said", "he wants another payment, 25", "i already paid him once. 30",
    # Whose age a name or a partner's is cannot be told: often the blackmailer's ("Ryan (22) from insta has my pics").
    "Ryan (22) from insta has my pics", "my boyfriend is 19 and says he'll post them",
    # A parent's husband or wife is not the one it is happening to.
    "My wife wants to go through her phone and screenshot everything",
    "my husband wants to take our son's phone off him",
    "someone is blackmailing me over my son's pics, my wife doesn't know",
    "my nephew is being blackmailed and my wife wants to tell his mum",
    "my wife's little brother is being blackmailed with his pics",
    "my boyfriend is 19 and he is blackmailing my sister",
    "il y a 15 ans", "tengo 3 horas", "my mam 45 will kill me", "j'ai 30 minutes",
])
def test_no_age(message: str) -> None:
    assert age_group_of(message) is None


@pytest.mark.parametrize("message, over_19", [
    ("I'm 45 and he sent it to my sister", True), ("im 19", True), ("in my 30s", True), ("32m", True),
    ("i am nineteen", True), ("my son is 20", True),
    ("im 18", False), ("I'm an adult", False), ("over 18", False), ("my husband saw it", False), ("im 16", False),
])
def test_past_childlines_age_only_when_known(message: str, over_19: bool) -> None:
    """Childline takes calls up to 19: only an age of 19 or over takes it out of the replies."""
    found = age_group_of(message)
    assert found is not None and found.over_19 is over_19


@pytest.mark.parametrize(("message", "group"), [
    ("My girlfriend is 19. Someone got into her iCloud and is threatening to leak her nudes. I'm writing this for her",
     ADULT),
    ("my bf (17) is being blackmailed over his pics, im 18", UNDER_18),
    ("my gf is 16 and someone has her nudes", UNDER_18),
    # The partner who threatens is not the one helped: no age is taken from them.
    ("my boyfriend is 19 and hes threatening to post my pics", None),
])
def test_a_partners_age_counts_when_the_writer_helps_that_partner(message: str, group: str | None) -> None:
    found = age_group_of(message)
    assert (found and found.age_group) == group


@pytest.mark.parametrize("message", [
    "I honestly want to die", "kms", "i dont want to exist anymore", "i no longer exist to anyone", "idw exist",
    "i wanna unalive myself", "I've written a goodbye note",
    "everyone would be better off without me", "I keep cutting again", "he told me I should kill myself",
    "I want to go to sleep forever", "I'll be gone for good soon", "I just want to disappear", "I wish I was dead",
    "I'm not safe around myself tonight", "this is my last message", "I want to end it",
    "im going to take pills tonight", "i swallowed a handful of paracetamol", "i have pills here",
    "ive got all my tablets lined up", "there's a box of paracetamol right next to me",
    "i cant do this anymore i wanna di", "if i just disappear tonight would anyone even notice",
    "im only hanging on because of my little brother", "i wear long sleeves to hide my arms now",
    "relapsed on sh after he posted my pics", "had an sh relapse last night", "i cant take it anymore",
    "honestly i can't do this any more", "i cant face another day of this", "i want to dieee",
    "i have a bottle of pills next to me", "ive been stockpiling pills", "i can't do this no more",
    "i relapsed last night",
    "whats the point anymore", "honestly there's no point in living anymore",
    # Tablets taken or at hand, a dangerous place, self-harm urges (the second blind development set's gaps).
    "i took loads of my dad's painkillers", "drank whatever i could find in the bathroom cupboard",
    "i've taken something and i feel dizzy", "please stay with me. i took something",
    "been saving up my medication for a while", "i'm just holding the tablets", "got all my pills out",
    "im standing on the bridge", "sat on the roof of the flats", "walking to the train tracks now",
    "been stood up on the top of the multi-storey for ages", "heading to the cliffs", "im on the ledge",
    "i feel like hurting myself", "i keep wishing a bus would hit me", "tell my sister i loved her",
    "i cant exist knowing everyone has seen them", "not coming back. sorry", "it wont matter by tomorrow anyway",
    "left everything tidy so my mum doesn't have to", "i wrote down who gets my stuff",
    "i've written letters to my family explaining why", "wrote a note to say sorry",
    "this is my last message to the chat, goodbye", "i'm not suicidal... yet",
    "i od'd", "ive just od on paracetamol", "i took 2 boxes of paracetamol", "i think i took too many.",
    "i took my whole prescription", "im not suicidal i dont think",
    "i used to self harm, been clean a year but the urges are back",
    "i want all of it gone and me gone too", "honestly scared of what i might do to myself tonight",
    "i tried to kill myself last year, i got help but now i feel like im back there",
    "sorry my english not good. i want finish my life", "i no want live anymore",
    "he snapped me my nudes and now i want to die",
])
def test_crisis(message: str) -> None:
    assert detect_risk(message) == CRISIS


@pytest.mark.parametrize(("message", "kind"), [
    ("took a load of my mum's tablets an hour ago", "taken"), ("I took 30 tablets", "taken"),
    ("he sent them to everyone. im on the roof of my building", "place"),
    # Someone else's, tablets taken away, the past, an ordinary trip: nothing to put first.
    ("my friend took too many pills and im panicking", None), ("my dad took all my tablets away so i cant", None),
    ("i took a load of pills years ago", None), ("heading to the bridge to meet my mates", None),
    ("i want to die", None),
    # Other words for an overdose taken; "already took them" only means tablets once the answer is a crisis.
    ("I OD'd on my mums meds", "taken"), ("i overdosed an hour ago", "taken"),
    ("too late i already took them", "taken"),
    ("i swallowed the whole bottle", "taken"), ("i think i took too much", "taken"),
    ("i took an overdose once when i was 14", None), ("my mate overdosed last night", None),
    ("i already took screenshots", None), ("he took too many pics", None),
])
def test_what_to_do_first_is_read_only_from_the_writers_own_present(message: str, kind: str | None) -> None:
    assert urgent_risk(message) == kind


@pytest.mark.parametrize("message", [
    "he's threatening to come to my house and hurt me", "someone is outside my house",
    "there's a man waiting at my door", "I'm in danger", "he says he's coming round to my house",
    "they said they're gonna hurt me tonight", "he's on his way and threatened to beat me",
    "hes on his way here", "he keeps turning up outside my flat and he's there now",
])
def test_danger(message: str) -> None:
    assert detect_risk(message) == DANGER


@pytest.mark.parametrize("message", [
    "will the police come to my house", "could they actually turn up at my house?", "he said he'll beat me up",
    "they threatened to stab me if i go to the police, are they serious", "do the police come round to see you",
])
def test_a_threat_or_a_visit_that_is_not_happening_now_is_not_danger(message: str) -> None:
    assert detect_risk(message) is None


@pytest.mark.parametrize("message", [
    "I'm giving all my games to my little brother, he'll use them more than me",
    "how do I leave my money to my mum", "I've sorted out who gets what", "I've got my affairs in order now",
    "I just want my sister to know it wasn't her fault", "dad, if you ever read this, I love you",
    "i'm sorry mum and dad", "i keep imagining my mum finding me", "he gave me till friday. i gave myself two days",
    "i don't think i'll see my next birthday", "there's no future for me", "i feel like my time is up",
    "my parents will kill me, might as well make it permanent", "i'll save them all the trouble",
    "i give up on everything", "bye, for good this time", "i'm about to do something i can't undo",
    "i'm contemplating not being here", "i won't be around much longer", "i've made peace with dying",
    "i feel calm since i've decided", "i want to go and join my nan", "nobody would miss me",
    "the world doesn't need me", "nothing matters anymore", "what happens to my snapchat when i die",
    "if the victim dies does the blackmail stop", "i wrote my dad a letter", "my texts are on a timer for tomorrow",
    "dad if u ever read this", "gave myself til friday", "i feel like my times up", "goodbye for good",
    "no1 would miss me", "soz mum", "i give up on evrything", "i don't think i'll see next christmas",
    "i just want it to stop forever",
    "he keeps sending me the countdown. when it hits zero so do i",
    "my dad said he'd rather have no son than a gay one. guess ill make that easy for him",
    "can't face work on monday. i'm not going to have to.", "i want everything to end. including me",
    "ive been crying for hours. there's only one way out of this and its not paying",
])
def test_oblique_signs_of_crisis(message: str) -> None:
    """The warning signs that name no death: putting affairs in order, last words, a deadline of one's own."""
    assert detect_risk(message) == CRISIS


@pytest.mark.parametrize("message", [
    "my friend says he'll kill himself", "my friend says he's better off gone", "my son wants to end his life",
    "I think my son is suicidal", "my mate sent me a message that sounded like a goodbye",
    "my daughter told me she's been hurting herself", "my daughter is giving her things away to her friends",
    "my son keeps saying nobody would miss him", "my son wants to die and it's ruining my life",
    "my son said he wanna die", "my daughter told me she idw live anymore",
    "they gave my son 24 hours and he says he wants to die", "my son wrote my husband a goodbye note",
    "she said she's going to take pills tonight",
    "he just said 'whats the point anymore' through the door", "my friend relapsed on sh after he posted it",
    # Their words, quoted: their "I" is theirs.
    "my nephew (14) texted me 'no one would care if i was gone'", "my sister messaged me 'i want to die'",
    "she said 'i took all my pills'", "my mate posted 'goodbye everyone, i'm done' on his story",
    # Told through an app: "snapped me", "dmed me" are how the writer heard it.
    "my mate just snapped me saying hed be better off gone cos some guy has his nudes. hes 15 same as me. what do i do",
    "my friend dmed me saying she wants to die",
    # Their last message, and a young person a teacher names, quoted.
    "My son is 16 and won't answer me. I've just seen on the iPad that his last message to them says 'fine I'll just "
    "end it then'. What do I do??",
    "I'm a form tutor. A 13-year-old girl just said to me in the corridor 'I'm going to end it before everyone sees "
    "my pictures' and walked off.",
    "A colleague of mine told me someone is blackmailing him. He said he'd rather not be around if it gets out.",
])
def test_someone_else_at_risk(message: str) -> None:
    assert detect_risk(message) == CRISIS_SOMEONE_ELSE


@pytest.mark.parametrize("message", [
    "my son wants to die and so do I", "they told me to kill myself", "i told my mum 'i want to die'",
    # Quoted words said to the writer are about the writer.
    "he texted me 'you should kill yourself'", "he said 'if you dont pay i'll make you want to die'",
    "my friend said 'i'm fine' but i want to die", "my mum will find out and I want to die",
    "they sent it 2 my mum, wanna unalive", "he posted them, my dad saw, dont want to be alive anymore",
    "he posted my pics so wanna kms", "gonna give all my stuff to my sis", "mum will kill me. save her the bother",
    "just want mum to know it wasnt her fault", "there's no future for me now they've all seen it",
    "relapsed on sh last night after he sent the screenshots",
    "my mate said he wants to die too, tell my mum sorry after i'm gone",
    "my friend said she wants to die too. i've given myself until friday",
    "my mate is suicidal as well. i feel calm since i've decided",
    # What the writer saw, without "that", stays the writer's.
    "i saw his post and want to die",
    "i'd rather not be around anymore", "id rather not be here if this gets out",
])
def test_the_writer_at_risk_too_is_answered_as_the_one_at_risk(message: str) -> None:
    assert detect_risk(message) == CRISIS


@pytest.mark.parametrize("message, theirs", [
    # The writer trying to reach someone they named, or saying where they are, is not the one at risk.
    ("my sister isn't answering me and she said she can't cope", True),
    ("My girlfriend just texted saying she can't do this anymore. She's 22 and not replying. I'm at work across town.",
     True),
    ("my son locked himself in, I can't get hold of him and he said nobody would care", True),
    # Without a relation named, "he" may be the blackmailer: the writer is answered as the one at risk.
    ("he won't answer me, what's the point", False),
    ("I'm at home. he posted them and there's no point", False),
    # An age is as often the writer at risk telling us who they are.
    ("my boyfriend shared my pics. I'm 16. no way forward", False),
    ("my boyfriend shared my pics. I'm 16", False),
    ("my boyfriend won't answer me. im 15", False),
    ("my boyfriend posted them everywhere. he won't reply to me. im 15", False),
    ("I'm 16. my boyfriend won't answer me and he says its all over", False),
    ("my best friend won't reply to me. im 14", False),
    # A clause with no one as its subject is the writer's, next to someone they could not reach (a review's cases).
    ("my boyfriend won't answer me. can't cope without him", False),
    ("my sister found the pics and I can't get through to her. can't take this", False),
    ("I'm at home alone. my boyfriend posted the pics. can't do this anymore", False),
    ("my partner won't answer me. I'm at home. just want it all to end", False),
    ("he sent them to my friends. he won't answer me. cant take it anymore", False),
    ("the scammer sent them to my friends. they're not answering me. feel like its the end", False),
    # Despair with no one as its subject, beside people who are not at risk, is the writer's.
    ("my friends won't talk to me anymore. whats the point", False),
    ("all my mates have blocked me after he sent it round. no point anymore", False),
    ("everyone at school has seen them. can't do this anymore", False),
    ("my friends won't talk to me anymore. whats even the point", False),
    ("my friends won't talk to me. no one would notice", False),
    ("they posted them. its over for me", False),
    ("my son is so low. whats the point he keeps saying", True),
    ("my daughter won't come out of her room and she says she can't go on", True),
])
def test_a_risk_the_classifier_heard_is_someone_elses_only_when_the_writer_only_watches(
        message: str, theirs: bool) -> None:
    assert about_someone_else(message) is theirs


@pytest.mark.parametrize("message", [
    "they know where I live", "he knows where I work", "he'll send it to my school", "I live in a small village",
    # Stalking over weeks: the police and the abuse helplines, with 999 in them, not "press 55".
    "he just wants me back. hes been turning up outside my work as well", "she keeps coming round to my house",
    "the police are on their way here",
])
def test_threats_that_are_not_danger_now(message: str) -> None:
    assert detect_risk(message) is None


@pytest.mark.parametrize("message", [
    "i forgot to take my pills", "i took all my tablets this morning like normal",
    "i have my pills here for my anxiety", "got my tablets ready for the morning as usual",
    "i want to diet", "im going to disappear from snapchat tonight", "i wear long sleeves for school",
    "i wear long sleeves to hide my tattoo", "im holding on for his reply but i cant stop shaking",
    "i have pills here in case i get a migraine", "i want to di scuss this", "i cant take any more of his messages",
    "this is killing me", "I'm dying of embarrassment", "my dad will kill me", "it'd be social suicide",
    "should I pay them", "I just want them to stop", "it would be career suicide",
    "I want to vanish off insta till this blows over", "I want to disappear from social media for a bit",
    "will blocking make the messages stop for good", "I want the pics gone forever",
    "I wish I could wake up and find it was a dream", "I'm not in danger, just embarrassed",
    "everyone at my school will have it by tomorrow", "I keep cutting my mates off",
    "this is my last message to him, then I'm blocking", "should I say goodbye to him or just block",
    "if paying doesn't end it, what's the point of paying",
    # Near misses of the oblique signs.
    "I gave my phone to my mum so I stop checking it", "can it be gone for good", "he gave me 24 hours to pay",
    "I gave myself a week to tell my parents", "i don't think i'll see him again", "my time is up on the deadline",
    "I'm joining my nan for tea", "the world doesn't care about me", "sorry mum i'm going to be late",
    "i wrote my teacher a letter explaining what happened", "made peace with going to the police",
    "i feel calm now that i've decided to tell my parents", "might as well make it official and report him",
    "i gave myself a break from instagram", "i don't think i'll make it to school tomorrow",
    "nothing matters anymore except getting the pics removed", "i gave my dog to my nan while we're on holiday",
    "i'm considering ending the chat with him", "how do i make sure my son knows it wasn't his fault",
    "I want my daughter to know it isn't her fault", "sorry if you find this weird but he has my nudes",
    "idk if you read this but i need help", "he won't give up on me, he keeps messaging",
    "the stress is killing me, should i let it go",
    "I just want to wipe the lot so they don't exist any more", "the girl doesn't exist, it's a fake profile",
    "i took paracetamol for my headache",
    # The act they were tricked into is not a crisis; nor is not wanting to be at an appointment.
    "I did something stupid on a video call with a woman I thought liked me",
    "i did something stupid with a girl online", "i'd rather not be here for the police interview",
    "i'll make it easy for them to find me, i'm reporting", "when it hits zero so does my bank balance",
    "i'm not going to have to pay, am i?", "I hope I'm not going to have to go to court",
    "i want it to be over, my mum does too", "i want this to stop, me too honestly i want him gone",
    "im on my way to the railway station", "im at the roof terrace bar",
    "he's not coming back to the chat", "i wrote a letter to my mum explaining what happened",
    "can the pics be gone forever", "said goodbye to that account for good", "i feel like cutting him off completely",
    "walking over the bridge to school and i feel sick", "got my pills out ready for the morning",
    "im at the bridge club with my nan", "i took something for my hay fever",
    "that was odd", "he took too much money from me", "i took too many screenshots",
    "i took the whole packet of crisps", "I'm not suicidal, just stressed",
    "i used to self harm but ive been clean for 3 years",
    "i tried to end it when i was 15 but i got help and i'm doing much better", "i want him gone from my life",
    "the only way out is to report him", "is the only way out of this paying him?",
])
def test_figurative_and_ordinary_messages_are_not_flagged(message: str) -> None:
    assert detect_risk(message) is None


@pytest.mark.parametrize("message,figurative", [
    ("this is killing me", True), ("my mum would die if she saw them", True), ("I'm dead lol", True),
    ("it would be social suicide", True), ("my dad will kill me if he sees, honestly I want to die", False),
    ("I want to kill myself", False), ("should I pay them", False), ("my dad's gonna actually end me", True),
    ("I killed the account", True), ("it feels like the end of the world and I can't go on", False),
    # A plain denial, or self-harm left in the past, takes back the classifier's crisis too; a hedge does not.
    ("I'm not suicidal, just stressed", True), ("i used to self harm but ive been clean for 3 years", True),
    ("i'm not suicidal... yet", False), ("im not suicidal i dont think", False),
    ("i used to self harm, been clean a year but the urges are back", False),
    ("im not suicidal but i dont want to be here anymore", False), ("i used to cut myself and i started again", False),
    # Only an apology for one's English: "not so good" is the English, and nothing else is said.
    ("sorry my english not so good", True), ("Sorry, my English is not very good.", True),
    ("sorry my english not so good, i feel so bad i want to die", False), ("i feel not so good", False),
])
def test_figures_of_speech(message: str, figurative: bool) -> None:
    assert is_figurative(message) is figurative


@pytest.mark.parametrize("message,country", [
    ("I live in the USA", "united_states"), ("us", "united_states"), ("im from ireland", "ireland"),
    ("I'm in Northern Ireland", None), ("we moved to Canada", "canada"), ("I live in France", "other"),
    ("I'm based in Nigeria", "other"), ("tell us what to do", None), ("chad keeps messaging me", None),
    ("I'm in Jersey", None), ("he says he is from Nigeria", None), ("they claim to be from the USA", None),
    ("boston lincolnshire, england lol not america", None), ("not in the US, in leeds", None),
])
def test_countries(message: str, country: str | None) -> None:
    assert find_country(message) == country


@pytest.mark.parametrize("message,light", [
    ("honestly im dead embarrassed", True), ("im shaking lol", True),
    ("ugh my head is killing me from all this", True),
    ("i wanna die lol", False), ("im shaking and i cant breathe", False),
    ("im dead 💀 he sent it to the group chat", True),
])
def test_a_joke_or_a_figure_of_speech_without_risk_is_light(message: str, light: bool) -> None:
    assert is_light(message) is light


@pytest.mark.parametrize("message, writers", [
    ("my boyfriend won't answer me and i can't stop crying", True),
    ("my mate is in tears, i cant cope with this", True),
    ("they posted them, whats the point", True),
    ("she is crying and wont talk to me", False),
    ("i can hear him crying through the door, what do i do", False),
    ("my friend keeps saying whats the point", False),
    ("should i force his bedroom door open", False),
])
def test_the_writers_own_distress_beside_someone_elses_risk(message: str, writers: bool) -> None:
    assert writer_in_distress(message) is writers
