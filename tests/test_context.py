"""Who is writing, who the blackmailer is, and money paid: read from any message."""
from __future__ import annotations

import pytest

from knowledge.context import (
    find_blackmailer,
    find_payment,
    find_relation,
    find_role,
    mentions_being_outed,
    mentions_deadline,
    mentions_image_from_under_18,
)


@pytest.mark.parametrize("message,role", [
    ("my 14 year old son is being blackmailed over pictures", "parent"),
    ("My daughter told me someone has her photos", "parent"),
    ("im his mum what do i do", "parent"),
    ("our boy got scammed on snapchat", "parent"),
    ("my best mate is getting sextorted", "friend"),
    ("a friend of mine says he's better off gone", "friend"),
    ("my friend told me that someone is blackmailing her", "friend"),
    ("asking for my mate, hes 28, got caught in a webcam thing", "friend"),
    ("my little brother has been sent threats", "family"),
    ("my sister is being blackmailed", "family"),
    ("i'm her nan, i look after my granddaughter", "family"),
    ("I'm his uncle and he told me everything", "family"),
    ("im his stepdad, what do we do", "parent"),
    ("I'm a teacher and a pupil told me this happened", "professional"),
    ("as a youth worker, what should I do", "professional"),
    ("no it's me, it's happening to me", "self"),
    ("actually its me not my friend", "self"),
    ("my nephew came to me in tears, someone wants money for his pictures", "family"),
    ("my godson is being blackmailed", "family"),
    ("it's not me it's my brother", "family"),
    ("my husband's been scammed by a girl on facebook", "family"),
    ("my wife is being threatened with her pics", "family"),
    ("someone is blackmailing my girlfriend", "family"),
    ("this is happening to my friend not me", "friend"),
    ("a lad in my class is being blackmailed", "friend"),
    ("i'm a school counsellor", "professional"),
    ("i work in safeguarding at a college", "professional"),
    ("me and my friend are being blackmailed", "self"),
    # A helper who was the person all along.
    ("ok honestly there's no mate, it's me", "self"),
    ("the friend is me. sorry", "self"),
    ("i was talking about myself the whole time", "self"),
    ("it was actually me", "self"),
    # A parent who names the child by age only, or signs in first.
    ("Dad here. My 15 year old has been sent threats", "parent"),
    ("my 13yo got messages from some man asking for money", "parent"),
    ("my 15 year old brother is being blackmailed", "family"),
    ("my 16 yr old mate got scammed on snap", "friend"),
    ("my brother's 22 and someone is blackmailing him", "family"),
    ("My boyfriend (25) is being blackmailed", "family"),
    ("my son, 15, has been sent threats", "parent"),
    # A helper who says what they do for the person, or what is done to them.
    ("some scammer is blackmailing my older brother with his nudes", "family"),
    ("someone is threatening my friend with nudes", "friend"),
    ("help me help my friend, someone wants to send her pics to her family", "friend"),
    ("i'm writing on behalf of my boyfriend, a scammer has his pictures", "family"),
    ("i look after my grandson and he's told me a man has photos of him", "family"),
    ("my girlfriend told me someone is threatening to leak her pics", "family"),
    ("my husband just confessed that a woman online has photos of him", "family"),
    ("my girlfriend's little brother is being sextorted", "family"),
    ("my teammate is being blackmailed", "friend"),
    ("one of the girls in my friendship group is being blackmailed", "friend"),
    ("someone in my class is getting blackmailed", "friend"),
    ("how do i help someone who's being blackmailed", "friend"),
    ("i'm a primary school teacher and one of my year 6 boys is being blackmailed", "professional"),
    ("i'm a coach and one of my players is being threatened", "professional"),
    ("a young lad i mentor told me someone has his pics", "professional"),
    ("youth worker here, a girl i support says a stranger has her nudes", "professional"),
    ("one of the young people we work with is being sextorted", "professional"),
    ("a child on my caseload is being threatened online", "professional"),
    # "Not me": the person named next is the one it happens to; "it's for me" is the writer.
    ("not me, my best mate", "friend"),
    ("not me - my little sister", "family"),
    ("my lil bro (14) just told me sum1 has nudes of him n wants money. im 20 what do i do", "family"),
    ("My girlfriend is 19. Someone got into her iCloud and is threatening to leak her nudes. I'm writing for her.",
     "family"),
    ("My flatmate (26) is being sextorted by a man she met on Bumble", "friend"),
    ("I run a youth club. One of our lads, 16, admitted he's been paying someone on Instagram", "professional"),
    ("A colleague of mine (he's about 40) told me at lunch that someone is blackmailing him", "friend"),
    ("My girlfriend is 25 and someone she met in an online game has been blackmailing her with photos", "family"),
    # A helper's own struggle is not "I'm the one it happens to".
    ("my best mate got sextorted and ive been the only person he told. now im the one who cant sleep", "friend"),
    # Their words to the writer, then what is happening to them.
    ("my friend told me not to tell anyone but someone is blackmailing her", "friend"),
    ("my sister said not to tell mum, a guy is threatening to post her pics", "family"),
    ("my friend says to tell you she's being blackmailed", "friend"),
])
def test_who_is_writing(message: str, role: str) -> None:
    assert find_role(message) == role


@pytest.mark.parametrize("message", [
    "they messaged my brother on insta",
    "he said he'll send it to my mum and my sister",
    "he sent it to my friend",
    "someone is threatening to share my pics",
    "my mum would kill me if she found out",
    "I'm 16",
    "16. hes messaging my friends now and even my little brother saying he has nudes of me",
    "my best mate has seen my pics in the group chat",
    "im 26 and i work in a school so if this gets out i'm finished",
    "im a nurse, 35, and someones threatening to send my nudes to my work",
    "I'm a teacher and a guy has my pics and wants money",
    "a lad i know through a mate has my snaps and wants 100 quid",
    "there's no point telling my friend",
    "i used my sister's phone to message him",
    "my girlfriend told me to report it",
    "my boyfriend told me he would share the video",
    "now he's harassing my friends",
    "he's threatening my family",
    "I'm a coach and someone is blackmailing me",
    "social worker here and someone is blackmailing me with my pics",
    "hes threatening to show the young people i work with",
    "im a nurse and i'm being threatened by a man i met online",
    "my dad told me to message you",
    "my mate messaged me saying he has my pics",
    # Found in review: someone who tells the writer something is often the blackmailer; "help" may open a plea;
    # a victim names their own job, or a client, fearing for it.
    "a boy in my year told me he'll send the video to everyone unless i pay",
    "please help my boyfriend recorded me and now wants money",
    "help my gf is threatening to post them",
    "i'm worried about my girlfriend finding out",
    "my friend messaged me saying the video is on instagram",
    "my friend called me a slut and now everyone has the video",
    "my classmate says he has screenshots",
    "my boyfriend told me someone will leak our sex tape unless i pay",
    "i'm a nurse and he says he'll send the video to the hospital",
    "i manage a team of 20 and if this gets out i lose my job",
    "a client is blackmailing me",
    "a student has my pics",
    "its for me to decide really",
    "its for me son, someone has his pics",
    "did they post it? not me, my brother saw it on his feed",
    "he sent them to everyone not me my mate saw it first",
    "my boyfriend posted the pics i sent him on his snapchat", "he said one of our kids will see them",
    "i run a youth group. a guy i met online is threatening to send the video of us",
    "my girlfriend is blackmailing her ex",
    # What a friend or relative said about the law or about the writer: the writer is still the one it happens to.
    "is it illegal that i sent it when i was 15? my pal says in scotland ye get charged for it",
    "my mum said I should tell the police", "my friend says you cant get in trouble for this",
    "my sister told me it is illegal",
    # Their advice to just pay or ignore it.
    "its only 40 quid, my mate says just pay it", "my friend said pay it and move on",
    "my mate says cops dont care about people like us, is it worth it",
    # What they did with a copy sent to them.
    "my friend said she deleted it straight away. is that enough",
    "my mate said he blocked it and reported the account",
    # Someone who wants to help the writer.
    "My friend wants to help. What should he do with the video he got?",
    "my mum wants to support me, what should she do",
])
def test_a_relative_the_blackmailer_contacts_is_not_who_is_writing(message: str) -> None:
    assert find_role(message) is None


@pytest.mark.parametrize("message,kind", [
    ("my ex says he'll post my nudes unless I go back to him", "ex_partner"),
    ("ex-girlfriend is threatening to share them", "ex_partner"),
    ("a boy in my year has my pics and wants more", "peer"),
    ("some lads from my school are passing it round", "peer"),
    ("my boyfriend is threatening to leak my photos if I leave", "partner"),
    ("my coach has pics and says he'll share them", "known_adult"),
    ("my wife secretly recorded me and if i leave she'll send it to my boss", "partner"),
    ("my boyfriend says if i break up with him he will post the video", "partner"),
    ("my boyfriend has been threatening to post them", "partner"),
    ("my wife has threatened me", "partner"),
    ("a colleague recorded our video call and is hinting he'll share it", "known_adult"),
    # Someone they know, of no stated kind: a peer for a teenager, another adult for an adult.
    ("this lad i know thru a mate has my snap and wants 100 quid. im 17", "peer"),
    ("a girl i know from college has my pics", "peer"),
    ("a guy i met through friends has my pics and i'm 29", "known_adult"),
])
def test_a_blackmailer_they_know(message: str, kind: str) -> None:
    assert find_blackmailer(message) == kind


@pytest.mark.parametrize("message", [
    "a girl added me on insta and now wants money",
    "I'm going to tell my boyfriend",
    "someone is threatening me",
    "my boyfriend found the messages, the scammer says he'll post them",
    "my husband saw it and a guy says he'll send it to his work",
    "my wife is being threatened with her pics",
    "a lad in my class is being blackmailed",
    "A colleague of mine told me at lunch that someone is blackmailing him with a video",
])
def test_a_stranger_or_no_blackmailer_named(message: str) -> None:
    assert find_blackmailer(message) is None


@pytest.mark.parametrize("message,method", [
    ("I sent him £80 on paypal and he wants more", "paypal"),
    ("i already paid them 200 quid in steam cards", "gift_card"),
    ("I've paid by bank transfer", "bank"),
    ("I gave them £50 in bitcoin", "crypto"),
    ("I paid with my debit card", "card"),
    ("I've already paid", None),
    ("i'm 45, sent him £250 in amazon gift cards and now hes asking for more", "gift_card"),
    ("edinburgh here, 38. sent £150 on paypal before i realised it was a scam", "paypal"),
])
def test_money_paid_and_how(message: str, method: str | None) -> None:
    assert find_payment(message) == (True, method)


@pytest.mark.parametrize("message", [
    "they want £200 in gift cards",
    "should I pay them?",
    "I haven't paid anything",
    "I didn't send any money",
    "I sent him a picture",
    "he sent me £50 to prove he was real",
    "they said pay £300. sent to everyone otherwise",
    "if i send him money will he delete them", "suppose i paid him £100, would that be the end of it",
    "what if I sent the money, would he stop",
])
def test_asking_about_paying_is_not_having_paid(message: str) -> None:
    assert find_payment(message)[0] is False


@pytest.mark.parametrize("message", [
    "he said if i paid he'd delete them, so i sent him £50", "what happens if i already paid 200",
    "idk if this matters i paid him 50 on paypal", "what happens if i paid already",
    "i paid £40, will he stop now?",
])
def test_money_paid_beside_a_supposition_is_still_paid(message: str) -> None:
    assert find_payment(message)[0] is True


@pytest.mark.parametrize("message", [
    "she says I've got an hour to pay", "they want it by midnight", "he gave me 24 hours",
    "there's a countdown on the chat", "I have 30 mins left to send it", "pay within two hours or it goes out",
])
def test_a_deadline(message: str) -> None:
    assert mentions_deadline(message)


@pytest.mark.parametrize("message", [
    "it happened an hour ago", "I've been on insta for hours", "they messaged me last night", "I'm 16",
])
def test_no_deadline(message: str) -> None:
    assert not mentions_deadline(message)


@pytest.mark.parametrize("message", [
    "I'm 22 and the pics he has are from when I was 17", "it's a video from back when i was a kid",
    "I was 16 in the photos", "i was only 15 at the time he took the photos",
])
def test_an_image_from_under_18(message: str) -> None:
    assert mentions_image_from_under_18(message)


@pytest.mark.parametrize("message", [
    "I was 16 when I met him online", "when i was 19 i sent them", "I'm 17", "my son was 15 when it started",
    "when I was 15 my dad died", "I was 10 minutes late sending the photo",
])
def test_no_image_from_under_18(message: str) -> None:
    assert not mentions_image_from_under_18(message)


@pytest.mark.parametrize("message", [
    "I'm 30 and bi, my family don't know", "he says he'll out me at work", "im gay and nobody knows",
    "I'm a trans woman and he has old photos", "I'm not out to my parents yet",
])
def test_a_threat_to_out_someone(message: str) -> None:
    assert mentions_being_outed(message)


@pytest.mark.parametrize("message", [
    "he sent them out to my friends", "the pics are not out yet", "I'm bi-weekly paid", "get me out of this",
    "I'm a bit scared", "a gay man on grindr has my pics", "check out her profile", "i'm bi lingual",
    "I'm straight but he says he'll tell everyone I'm gay", "I'm not out of the woods yet",
])
def test_no_threat_to_out_someone(message: str) -> None:
    assert not mentions_being_outed(message)


@pytest.mark.parametrize("message,relation", [
    ("my 15 yr old son just told me", "son"), ("im his aunt not his mum", "nephew"), ("im her dad", "daughter"),
    ("my little sister is 14", "sister"), ("my best mate is getting threatened", "mate"), ("someone has pics", None),
    ("my lil bro (14) just told me", "brother"), ("my flatmate is being sextorted", "flatmate"),
])
def test_the_person_a_helper_writes_about(message: str, relation: str | None) -> None:
    assert find_relation(message) == relation
