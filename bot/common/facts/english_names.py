"""Common English first names: the check that "I'm Tom" introduces a person and "I'm Sorry" does
not, and that a message of two capitalised words ("Tom Baker") is a name.

Short on purpose: after a strong cue ("my name is") any name is accepted without this list.
"""

from __future__ import annotations

from bot.common.word_list import listed

ENGLISH_FIRST_NAMES = listed(
    """
    aaron abby abigail adam adrian aidan alan albert alex alexa alexander alexandra alexis alfie
    alice alicia alison allison amanda amber amelia amy andrea andrew andy angela angus ann anna
    anne annie anthony april archie arthur ashley audrey austin ava barbara barry beatrice becky
    ben benjamin bernard beth bethany betty bill billy bob bobby bonnie brad bradley brandon brenda
    brian bridget brittany brooke bruce bryan caitlin callum calvin cameron carl carla carol
    caroline carolyn carter catherine charles charlie charlotte chelsea cheryl chloe chris
    christian christina christine christopher cindy claire clara colin connor craig crystal cynthia
    daisy dale dan dana daniel danielle danny darren dave david dean debbie deborah debra denise
    dennis derek diana diane donald donna doris dorothy doug douglas dylan ed eddie edith edward
    eileen elaine eleanor elijah elizabeth ella ellie elliot emily emma eric erica erin ethan eva
    evelyn faith fiona florence frances francis frank fred freddie frederick freya gary gavin
    gemma george georgia gerald gillian gina glenn gloria grace graham grant greg gregory hannah
    harold harriet harry harvey hayley heather heidi helen henry holly howard hugh hugo ian isaac
    isabel isabella isla ivy jack jackie jackson jacob jacqueline jade jake james jamie jane janet
    janice jason jasmine jay jean jeff jeffrey jennifer jenny jeremy jerry jesse jessica jill jim
    jimmy jo joan joanna joanne jodie joe joel john johnny jon jonathan jordan joseph josh joshua
    joy joyce judith judy julia julian julie justin karen kate katherine kathleen kathryn kathy
    katie kayla keith kelly ken kenneth kerry kevin kim kimberly kirsty kyle laura lauren lawrence
    leah lee leo leon lewis liam lily linda lisa logan lois louis louise lucas lucy luke lydia lynn
    madison maggie mandy margaret maria marie marilyn mark martha martin mary mason matt matthew
    megan melanie melissa mia michael michelle mike mildred millie molly monica morgan nancy naomi
    natalie nathan neil nicholas nick nicola nicole noah norman oliver olivia oscar owen paige
    pamela patricia patrick paul paula peggy penelope peter phil philip phoebe phyllis poppy
    rachel ralph randy ray raymond rebecca richard rick rita rob robert robin rodney roger ronald
    rose rosie ross roy ruby russell ruth ryan sally sam samantha samuel sandra sara sarah scarlett
    scott sean shane sharon sheila shirley sienna simon sophia sophie stacey stanley stella
    stephanie stephen steve steven stuart susan suzanne tammy tara ted teresa terry theo theodore
    thomas tiffany tim timothy tina toby todd tom tommy tony tracy travis trevor tyler valerie
    vanessa vicky victor victoria vincent virginia wanda wayne wendy wesley will william willow
    zach zachary zoe
    """
)

# Words that follow "I'm"/"this is" or stand next to a name, capitalised or not, and are no name.
ENGLISH_STOPWORDS = listed(
    """
    a about again also always am an and any are as at away back because been being but by can
    cannot could customer did do does done from going good got had has have having he her here
    him his how i if in into is it its just looking me more my new no not now of off ok okay on
    one only or order our out over please really same she so sorry still sure that the their them
    then there they this to too trying unable up us using very was we well were what when where
    which who why with writing would yes yet you your hello hi hey thanks thank regards best
    cheers dear sir madam team support app account password fine happy back here there
    english russian british american german french spanish italian ukrainian canadian irish
    scottish australian indian chinese monday tuesday wednesday thursday friday saturday sunday
    january february march may june july september october november december
    urgent asap anyone everyone all guys bye goodbye help sir mr mrs ms dr
    email mail phone tel telephone mobile cell address card number contact name version
    visa mastercard maestro mir amex paypal sbp dhl ups fedex usps amazon ebay apple google
    iphone ipad android samsung xiaomi huawei windows telegram whatsapp viber
    """
)
# First names that are also common words ("this is bill for my order"): after a weak cue they
# count only where the phrase ends ("this is Bill."), as "вера" does in Russian.
ENGLISH_NAMES_ALSO_WORDS = listed(
    """
    amber april bill bob chase crystal daisy dawn dean drew faith frank grace holly hope iris
    ivy jack jade joy lily mark pat penny ray robin rose ruby sandy summer violet will
    """
)
