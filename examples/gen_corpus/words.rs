//! The vocabulary bodies are drawn from: about two thousand common English words in a Zipf
//! distribution, with the troubleshooting domain words among the most frequent ranks.

use std::collections::BTreeSet;

use crate::rng::Rng;

/// Zipf–Mandelbrot offset: flattens the very top ranks ("the" near 6% rather than 12%), as
/// in real English text.
pub(crate) const ZIPF_OFFSET: f64 = 2.7;

/// Words drawn with probability proportional to 1/(rank + offset): Zipf with exponent 1.
pub(crate) struct Vocabulary {
    pub(crate) words: Vec<&'static str>,
    pub(crate) cumulative: Vec<f64>,
}

impl Vocabulary {
    /// Ranks the common English words in their listed order, puts the core domain words among
    /// the top thirty ranks and spreads the other domain words over ranks 40 to 1,200.
    pub(crate) fn new() -> Vocabulary {
        let mut taken: BTreeSet<&str> = BTreeSet::new();
        let mut placed: Vec<(f64, &'static str)> = Vec::new();
        for (i, &word) in CORE_DOMAIN_WORDS.iter().enumerate() {
            if taken.insert(word) {
                placed.push((6.5 + 2.0 * i as f64, display_form(word)));
            }
        }
        let domain: Vec<&'static str> = DOMAIN_WORDS
            .split_whitespace()
            .filter(|w| taken.insert(w))
            .collect();
        let step = 1160.0 / domain.len() as f64;
        for (i, &word) in domain.iter().enumerate() {
            placed.push((40.5 + step * i as f64, display_form(word)));
        }
        let common = COMMON_WORDS.split_whitespace().filter(|w| taken.insert(w));
        for (i, word) in common.enumerate() {
            placed.push((i as f64, word));
        }
        placed.sort_by(|a, b| a.0.total_cmp(&b.0));
        let words: Vec<&'static str> = placed.into_iter().map(|(_, word)| word).collect();
        let mut total = 0.0;
        let cumulative = (0..words.len())
            .map(|rank| {
                total += 1.0 / (rank as f64 + 1.0 + ZIPF_OFFSET);
                total
            })
            .collect();
        Vocabulary { words, cumulative }
    }

    pub(crate) fn sample(&self, rng: &mut Rng) -> &'static str {
        let target = rng.unit() * self.cumulative[self.cumulative.len() - 1];
        let index = self.cumulative.partition_point(|&c| c <= target);
        self.words[index.min(self.words.len() - 1)]
    }
}

/// How a domain word is spelled in running text (brand names keep their capitals; the search
/// tokens, lower-cased, stay the same).
pub(crate) fn display_form(word: &'static str) -> &'static str {
    match word {
        "icloud" => "iCloud",
        "iphone" => "iPhone",
        "ios" => "iOS",
        "ipad" => "iPad",
        "macos" => "macOS",
        "itunes" => "iTunes",
        "imessage" => "iMessage",
        "facetime" => "FaceTime",
        "airpods" => "AirPods",
        "whatsapp" => "WhatsApp",
        "mac" => "Mac",
        "apple" => "Apple",
        "finder" => "Finder",
        "safari" => "Safari",
        "bluetooth" => "Bluetooth",
        "vpn" => "VPN",
        "dns" => "DNS",
        "usb" => "USB",
        "gb" => "GB",
        "tb" => "TB",
        "sim" => "SIM",
        "esim" => "eSIM",
        "dfu" => "DFU",
        "windows" => "Windows",
        other => other,
    }
}

/// The domain words every article should contain: placed among the most frequent ranks.
pub(crate) const CORE_DOMAIN_WORDS: [&str; 10] = [
    "backup", "icloud", "storage", "settings", "iphone", "wifi", "error", "restart", "update",
    "battery",
];

pub(crate) const DOMAIN_WORDS: &str = "
ios ipad mac apple account password restore sync photos network connection device data app apps
download upload space plan gb tb charger power signal router vpn profile firmware passcode
encryption encrypted finder itunes keychain messages contacts calendar notes reminders safari mail
drive cellular bluetooth airplane hotspot server status outage reboot reset verification
authentication code screen notification alert cache library album video videos media files folder
attachment quota subscription family sharing purchase migration transfer cable usb lightning port
adapter computer laptop desktop macos windows software version beta install reinstall uninstall
toggle switch tap swipe menu general progress estimate remaining halfway stuck frozen slow crash
crashes freeze timeout retry corrupt corrupted incomplete failed fails failure troubleshoot
troubleshooting diagnostics logs support technician warranty repair health capacity charging drain
overheating temperature dns proxy firewall bandwidth latency ethernet modem airpods recovery dfu
erase wipe snapshot archive schedule automatic manual nightly daily locked unlock trust pairing
certificate timezone region language carrier sim esim whatsapp imessage facetime login
";

/// Rare tokens: real but uncommon words from the field, used sparingly.
pub(crate) const RARE_WORDS: [&str; 48] = [
    "plist",
    "keybag",
    "sqlite",
    "manifest",
    "entitlement",
    "daemon",
    "throttling",
    "provisioning",
    "idempotent",
    "checksum",
    "deduplication",
    "handshake",
    "heuristic",
    "sandbox",
    "telemetry",
    "tethering",
    "captive",
    "portal",
    "subnet",
    "gateway",
    "payload",
    "journaling",
    "snapshotting",
    "quiesce",
    "rollback",
    "watchdog",
    "kernel",
    "partition",
    "volume",
    "filesystem",
    "apfs",
    "metadata",
    "thumbnail",
    "transcoding",
    "codec",
    "heic",
    "hevc",
    "backoff",
    "jitter",
    "keepalive",
    "lease",
    "dhcp",
    "mtu",
    "nat",
    "wpa3",
    "ssid",
    "mdm",
    "supervised",
];

/// About two thousand common English words, roughly most frequent first.
pub(crate) const COMMON_WORDS: &str = "
the of and to a in is it you that he was for on are with as i his they be at one have this from
or had by not word but what some we can out other were all there when up use your how said an each
she which do their time if will way about many then them write would like so these her long make
thing see him two has look more day could go come did number sound no most people my over know
water than call first who may down side been now find any new work part take get place made live
where after back little only round man year came show every good me give our under name very
through just form sentence great think say help low line differ turn cause much mean before move
right boy old too same tell does set three want air well also play small end put home read hand
port large spell add even land here must big high such follow act why ask men change went light
kind off need house picture try us again animal point mother world near build self earth father
head stand own page should country found answer school grow study still learn plant cover food sun
four between state keep eye never last let thought city tree cross farm hard start might story saw
far sea draw left late run while press close night real life few north open seem together next
white children begin got walk example ease paper group always music those both mark often letter
until mile river car feet care second book carry took science eat room friend began idea fish
mountain stop once base hear horse cut sure watch color face wood main enough plain girl usual
young ready above ever red list though feel talk bird soon body dog family direct pose leave song
measure door product black short numeral class wind question happen complete ship area half rock
order fire south problem piece told knew pass since top whole king space heard best hour better
true during hundred five remember step early hold west ground interest reach fast verb sing listen
six table travel less morning ten simple several vowel toward against pattern slow center love
person money serve appear road map rain rule govern pull cold notice voice unit power town fine
certain fly fall lead cry dark machine note wait plan figure star box noun field rest correct able
pound done beauty drive stood contain front teach week final gave green oh quick develop ocean warm
free minute strong special mind behind clear tail produce fact street inch multiply nothing course
stay wheel full force blue object decide surface deep moon island foot system busy test record boat
common gold possible plane dry wonder laugh thousand ago ran check game shape hot miss brought heat
snow tire bring yes distant fill east paint language among grand ball yet wave drop heart am
present heavy dance engine position arm wide sail material size vary settle speak weight general
ice matter circle pair include divide syllable felt perhaps pick sudden count square reason length
represent art subject region energy hunt probable bed brother egg ride cell believe fraction forest
sit race window store summer train sleep prove lone leg exercise wall catch mount wish sky board
joy winter sat written wild instrument kept glass grass cow job edge sign visit past soft fun
bright gas weather month million bear finish happy hope flower clothe strange gone jump baby eight
village meet root buy raise solve metal whether push seven paragraph third shall held hair describe
cook floor either result burn hill safe cat century consider type law bit coast copy phrase silent
tall sand soil roll temperature finger industry value fight lie beat excite natural view sense ear
else quite broke case middle son lake moment scale loud spring observe child straight consonant
nation dictionary milk speed method organ pay age section dress cloud surprise quiet stone tiny
climb cool design poor lot experiment bottom key iron single stick flat twenty skin smile crease
hole trade melody trip office receive row mouth exact symbol least trouble shout except wrote seed
tone join suggest clean break lady yard rise bad blow oil blood touch grew cent mix team wire cost
lost brown wear garden equal sent choose fell fit flow fair bank collect save control decimal gentle
woman captain practice separate difficult doctor please protect noon whose locate ring character
insect caught period indicate radio spoke atom human history effect electric expect crop modern
element hit student corner party supply bone rail imagine provide agree thus capital chair danger
fruit rich thick neighbor wash bat rather crowd corn compare poem string bell depend meat rub tube
famous dollar stream fear sight thin triangle planet hurry chief colony clock mine tie enter major
fresh search send yellow allow print dead spot desert suit current lift rose arrive master track
parent shore division sheet substance favor connect post spend chord fat glad original share
station dad bread charge proper bar offer segment duck instant market degree populate chick dear
enemy reply drink occur support speech nature range steam motion path liquid log meant quotient
teeth shell neck oxygen sugar pretty skill women season solution magnet silver thank branch match
suffix especially fig afraid huge sister steel discuss forward similar guide experience score apple
bought led pitch coat mass card band rope slip win dream evening condition feed tool total basic
smell valley nor double seat continue block chart hat sell success company subtract event
particular deal swim term opposite wife shoe shoulder spread arrange camp invent cotton born
determine quart nine truck noise level chance gather shop stretch throw shine property column
molecule select wrong gray repeat require broad prepare salt nose plural anger claim continent
account access action active activity actually address adjust advance advice affect afternoon alarm
alone already although amount analysis announce annual another anything anyway anywhere apart
apparent application apply approach approve article aside assume attach attempt attention audio
author available average avoid aware away balance basis become behavior belong below benefit beside
beyond bill billion brief broken browse budget buffer button calendar camera cancel capture careful
category challenge channel chapter chat choice client clip closed collection combine comfortable
command comment commit community compatible complain component compress concern confirm conflict
confuse consistent constant contact content context convert couple create credit critical customer
cycle database deadline debug decline default defect define delay delete deliver demand deny detail
detect diagnose dial different digital disable disappear discover disk display document domain
draft driver duplicate duration easily edit effort elsewhere email empty enable encrypt ensure
entire entry environment escape essential eventually evidence exactly examine excellent exchange
exist expand expense expert explain export expose extend external extra factor fail familiar
feature fee file filter finally firm fix flag flash forget format former frequent friendly function
further future gallery generate gesture global goal gradually graph guarantee handle hardware header
hidden highlight holder icon identify ignore image immediately impact import improve incoming
increase indeed individual inform initial input inside instance instead instruction intend internal
internet interrupt introduce invalid issue item itself journal keyboard label later latest launch
layer limit link load local lock manage maximum maybe memory mention message meter minimum mobile
mode model monitor monthly native navigate nearby nearly normal obvious occasional offline online
option ordinary otherwise output overall owner package pane pause payment pending percent perform
permission personal phone photo physical plenty plug policy popular portable prefer premium
pressure prevent preview previous price primary prior priority privacy private probably procedure
progress prompt proof properly provider public purchase purpose quality quickly rarely rate recent
recognize recommend recover reduce refer refresh refuse regular release reliable remain remote
remove rename replace report request resolve resource respond response restrict resume return
reveal review route routine safely sample scan screen script secure security seek sequence series
service session setting setup shortcut silence simply slightly slot source specific stable standard
submit sudden sufficient summary symptom target task technical temporary text thread throughout
ticket title traffic trigger typical unable unless unlikely unusual upgrade usage useful user
usually valid variable various verify visible volume warning weekly whatever wireless within
without worth zone ability absence absolute academic accept accident accompany accomplish according
accurate achieve acknowledge acquire actual addition adequate administration admit adopt adult
advantage adventure affair afford agency agenda agent ahead aid aim aircraft alive alter alternative
amazing ambition ancient angle anniversary annoying anticipate anxiety anybody apartment appeal
appearance appreciate appropriate approval approximately architect argument arise arrangement
arrival artist aspect assess asset assign assist associate assumption atmosphere attend attitude
attract audience authority autumn award awful background badly bag bake barely barrier basket beach
bean beautiful bedroom beginning behalf being bend besides bet bicycle bike biology birth birthday
bite bitter blade blame blank blanket blind boil bold bond boot border borrow boss bother bottle bowl
brain brave breakfast breath brick bridge brilliant broadcast brush bubble bucket building bunch
burden bury bus butter cabinet cake calculate calm campaign candidate capable career carefully
carpet cash castle casual catalog ceiling celebrate central ceremony chain champion charity cheap
cheese chemical chest chicken childhood chip chocolate circumstance citizen civil classic classroom
clerk clever click cliff climate clinic closet cluster coach coffee coin collapse colleague college
combination comfort commercial commission committee commonly communicate compete competition
complex complicated concept conclude concrete conference confidence confident consequence
considerable constantly construct consult consumer contest contract contrast contribute
conversation convince cookie cooking cope core cottage council counter county courage cousin crack
craft crash crazy cream creature crew crisis criteria crucial cultural culture cup curious curtain
curve custom dairy damp dancer daughter dawn debate debt decade decent declare decoration decrease
dedicate deeply defeat defend definitely definition delicate delight dentist department departure
deposit depth deputy derive deserve desire desk despite destination detailed devote diagram diet
difference difficulty dig dinner dirt dirty disaster discipline discount discovery dish dismiss
distance distinct distribute district diverse domestic dominant dot doubt downstairs dozen drama
dramatic drawer drawing dull dust duty eager earn easy economic economy edition editor educate
efficient elderly elect elegant elephant eliminate embrace emerge emergency emotion emphasis
employee employer encounter encourage engage engineer enhance enjoy enormous entertain enthusiasm
equipment era essay establish evaluate evolve exam exceed exception excess exciting excuse executive
exhibit exit expansion expensive explore express extent extreme fabric facility faint faith fame
fancy fantastic fare fashion fault fellow female fence festival fiction finance fitness flight flood
flour focus fold folk following fond forecast foreign forever formal fortune forth foundation frame
frankly freedom freeze frequently fridge frighten frozen fuel fulfill fund funny furniture gain gap
garage gate gear generation generous genius genuine giant gift glance glove grab grade grain grant
grateful greatly greet grocery growth guard guest habit hall hammer handsome hang harbor hardly harm
harvest headline heal healthy hearing height helpful hence herb hero hesitate highway hire historic
hobby holiday hollow honest honey honor hook horizon hospital host household housing however hug
humor hunger hungry husband ideal identity illness illustrate imagination immense implement imply
importance impose impress impression incident income incredible independent index industrial infant
infection inflation influence ingredient inherit injury inner innocent inquiry insight insist
inspect inspire instinct institute insurance intelligent intense interior interpret interval
interview invest investigate invite involve isolate jacket joint joke journey judge juice junior
justice justify keen kid kitchen knee knife knock knowledge lab ladder landscape lane largely laser
latter lawyer lazy leadership leaf league lean leather lecture legend leisure lemon lend lesson
license lifestyle lifetime likely lip literally literature loan lobby logic lonely loose lovely
loyal luck lucky lunch luxury magazine magic maintain majority manner manufacturer margin marine
marriage mask massive mate mathematics mayor meal meaning meanwhile measurement mechanism medal
medical medicine medium membership mental merchant mere merit mess metaphor midnight mild mineral
minister minor miracle mirror missing mission mistake moderate modest modify moreover motor mouse
movement movie mud muscle museum musical mutual mystery narrative narrow nasty naturally neat
necessarily negative negotiate nerve nervous nest net neutral nevertheless newspaper nice noble
nobody nod nonetheless norm notable notion novel nurse nut obey objective obligation observation
obtain obviously occasion occupy odd officer official onion opera operation opinion opponent
opportunity oppose orange organic organize origin outcome outdoor outline outstanding oven overcome
overlook overseas owe pace pack pain painting palace pale pan panel panic parade parking partly
partner passage passenger passion patience patient peace peak peer penalty pension pepper perfect
performance permanent persuade phase philosophy photograph physician piano pile pilot pink pipe pity
plastic plate platform pleasant pleasure plot pocket poet poetry pole police polish polite political
pollution pool portion portrait positive possess possibility potato potential pour poverty powder
powerful practical praise precious precise predict premise presence preserve president pretend
prevail pride prime prince principle prize producer profession professor profit program project
prominent promise promote pronounce proportion proposal propose prospect protein protest proud
provision psychology publish pump punch pupil pure pursue puzzle qualify quantity quarter queen
quote rabbit rage random rank rapid ratio raw reaction readily realistic reality realize rear
reasonable recall recipe reckon recognition recruit reflect reform regard register regret
regulation reject relate relation relative relax relevant relief rely remark remarkable remind rent
reputation rescue research reserve resident resign resist respect responsibility restaurant retain
retire reverse revolution reward rhythm rice rid ridiculous risk rival roof rough royal rubber rude
ruin rural rush sad sake salad salary sale satisfy sauce scene scheme scholar scope scratch scream
sculpture secret secretary sector seize seldom sensitive severe shade shadow shake shallow shame
sheep shelf shelter shift shirt shock shortly shower shrug shut shy sick silk silly sink situation
skirt slice slide slight slope smart smooth snake soccer social society sock sofa solar sole solid
somebody somewhat somewhere sophisticated sorry soul soup sour spare speaker species spin spirit
split sponsor squeeze staff stage stair stake stamp stance stare statement statue steady steep stem
stir stock stomach storm strategy straw strength stress strict strike strip structure struggle
studio stuff style subsequent substantial suburb succeed suffer suitable sum summit super superior
supplement suppose supreme surely surgery surround survey survive suspect sustain swallow sweat
sweep sweet swing sympathy tablet tackle tale talent tank tape taste tax tea tear teenager telephone
telescope television temple tend tender tennis tension tent terrible territory theater theme theory
therapy thereby therefore thirsty thorough threat threshold throat thumb tide tidy tight timber tip
tissue toast toe tolerate tomato tomorrow tongue tonight tooth topic torch tough tour tourist towel
tower toy trace tradition tragedy trail transport trap treasure treat treaty tremendous trend trial
tribe trick trim triumph tropical truly trunk truth tunnel twice twin twist ugly ultimate umbrella
uncle undergo understand unfortunately uniform union unique universe university unknown upper upset
urban urge urgent vacation vague vain valuable van vast vegetable vehicle venture venue vessel
veteran victory viewer virtual virtue vision visual vital vitamin vivid vocabulary volunteer vote
wage wagon waist wander warmth wealth weekend weird welcome welfare wheat whenever whereas whisper
whistle wholly widely wildlife willing winner wipe wisdom wise witness wolf wonderful wool worker
workshop worried worry worse worst wrap wrist writer yield youth zero
";
