//! Shared pieces of the 投薬 (第5部) rules: the citation table (every 告示/通知 paragraph the
//! F000–F500 rules rely on, with its line in ../law/ for each revision), grouping of slips into
//! 処方 / 処方箋の交付 units, and small fact helpers.

use crate::api::{Basis, Dispensing, DrugRef, Prescription, Revision, Route, Setting, Use};
use crate::date::IsoDate;
use crate::engine::{Ctx, FindingBuilder};

/// One legal paragraph: where it is in each revision (`None` = the paragraph does not exist then).
struct Para {
    key: &'static str,
    /// (document, location, `<file> L<n>`) in R06.
    r06: Option<(&'static str, &'static str, &'static str)>,
    r08: Option<(&'static str, &'static str, &'static str)>,
}

macro_rules! para {
    ($key:expr, $r06:expr, $r08:expr) => {
        Para {
            key: $key,
            r06: $r06,
            r08: $r08,
        }
    };
}

const K6: &str = "R06 告示";
const K8: &str = "R08 告示";
const T6: &str = "R06 通知";
const T8: &str = "R08 通知";

/// The citation table. Line numbers were read in law/ (see the `##########` blocks there).
static PARAS: &[Para] = &[
    // 告示 別表第一 第5部 投薬 通則
    para!(
        "tsusoku1",
        Some((K6, "別表第一 第5部 投薬 通則1", "r06-kokuji-ika.txt L10755")),
        Some((K8, "別表第一 第5部 投薬 通則1", "r08-kokuji-ika.txt L11417"))
    ),
    para!(
        "tsusoku3",
        Some((K6, "別表第一 第5部 投薬 通則3", "r06-kokuji-ika.txt L10760")),
        Some((K8, "別表第一 第5部 投薬 通則3", "r08-kokuji-ika.txt L11422"))
    ),
    para!(
        "tsusoku4",
        Some((K6, "別表第一 第5部 投薬 通則4", "r06-kokuji-ika.txt L10762")),
        Some((K8, "別表第一 第5部 投薬 通則4", "r08-kokuji-ika.txt L11424"))
    ),
    para!(
        "tsusoku5",
        Some((K6, "別表第一 第5部 投薬 通則5", "r06-kokuji-ika.txt L10766")),
        Some((K8, "別表第一 第5部 投薬 通則5", "r08-kokuji-ika.txt L11427"))
    ),
    para!(
        "tsuchi.tsusoku10",
        Some((T6, "第2章第5部 投薬 通則 10", "r06-tsuchi-ika.txt L18663")),
        Some((T8, "第2章第5部 投薬 通則 10", "r08-tsuchi-ika.txt L19723"))
    ),
    para!(
        "tsusoku6",
        None,
        Some((K8, "別表第一 第5部 投薬 通則6", "r08-kokuji-ika.txt L11434"))
    ),
    para!(
        "tsuchi.tsusoku9",
        Some((T6, "第2章第5部 投薬 通則 9", "r06-tsuchi-ika.txt L18660")),
        Some((T8, "第2章第5部 投薬 通則 9", "r08-tsuchi-ika.txt L19720"))
    ),
    para!(
        "tsuchi.tsusoku12",
        None,
        Some((T8, "第2章第5部 投薬 通則 12", "r08-tsuchi-ika.txt L19729"))
    ),
    // F000
    para!(
        "F000.1i",
        Some((K6, "別表第一 F000 1 イ", "r06-kokuji-ika.txt L10776")),
        Some((K8, "別表第一 F000 1 イ", "r08-kokuji-ika.txt L11446"))
    ),
    para!(
        "F000.1ro",
        Some((K6, "別表第一 F000 1 ロ", "r06-kokuji-ika.txt L10777")),
        Some((K8, "別表第一 F000 1 ロ", "r08-kokuji-ika.txt L11447"))
    ),
    para!(
        "F000.note",
        Some((K6, "別表第一 F000 注", "r06-kokuji-ika.txt L10779")),
        Some((K8, "別表第一 F000 注", "r08-kokuji-ika.txt L11449"))
    ),
    para!(
        "F000.tsuchi1",
        Some((T6, "F000 (1)", "r06-tsuchi-ika.txt L18671")),
        Some((T8, "F000 (1)", "r08-tsuchi-ika.txt L19734"))
    ),
    para!(
        "F000.tsuchi4",
        Some((T6, "F000 (4)", "r06-tsuchi-ika.txt L18679")),
        Some((T8, "F000 (4)", "r08-tsuchi-ika.txt L19744"))
    ),
    // F100
    para!(
        "F100.1",
        Some((K6, "別表第一 F100 1", "r06-kokuji-ika.txt L10785")),
        Some((K8, "別表第一 F100 1", "r08-kokuji-ika.txt L11455"))
    ),
    para!(
        "F100.2",
        Some((K6, "別表第一 F100 2", "r06-kokuji-ika.txt L10789")),
        Some((K8, "別表第一 F100 2", "r08-kokuji-ika.txt L11459"))
    ),
    para!(
        "F100.note1",
        Some((K6, "別表第一 F100 注1", "r06-kokuji-ika.txt L10797")),
        Some((K8, "別表第一 F100 注1", "r08-kokuji-ika.txt L11467"))
    ),
    para!(
        "F100.note2",
        Some((K6, "別表第一 F100 注2", "r06-kokuji-ika.txt L10798")),
        Some((K8, "別表第一 F100 注2", "r08-kokuji-ika.txt L11468"))
    ),
    para!(
        "F100.note4",
        Some((K6, "別表第一 F100 注4", "r06-kokuji-ika.txt L10802")),
        Some((K8, "別表第一 F100 注4", "r08-kokuji-ika.txt L11472"))
    ),
    para!(
        "F100.note5",
        Some((K6, "別表第一 F100 注5", "r06-kokuji-ika.txt L10804")),
        Some((K8, "別表第一 F100 注5", "r08-kokuji-ika.txt L11474"))
    ),
    para!(
        "F100.note6",
        Some((K6, "別表第一 F100 注6", "r06-kokuji-ika.txt L10808")),
        Some((K8, "別表第一 F100 注6", "r08-kokuji-ika.txt L11478"))
    ),
    para!(
        "F100.note7",
        Some((K6, "別表第一 F100 注7", "r06-kokuji-ika.txt L10813")),
        Some((K8, "別表第一 F100 注7", "r08-kokuji-ika.txt L11484"))
    ),
    para!(
        "F100.note8",
        Some((
            K6,
            "別表第一 F100 注8 (外来後発医薬品使用体制加算)",
            "r06-kokuji-ika.txt L10818"
        )),
        Some((
            K8,
            "別表第一 F100 注8 (地域支援・外来医薬品供給対応体制加算)",
            "r08-kokuji-ika.txt L11488"
        ))
    ),
    para!(
        "F100.note9",
        Some((K6, "別表第一 F100 注9", "r06-kokuji-ika.txt L10825")),
        Some((K8, "別表第一 F100 注9", "r08-kokuji-ika.txt L11495"))
    ),
    para!(
        "F100.tsuchi2",
        Some((T6, "F100 (2)", "r06-tsuchi-ika.txt L18706")),
        Some((T8, "F100 (2)", "r08-tsuchi-ika.txt L19769"))
    ),
    para!(
        "F100.tsuchi3a",
        Some((T6, "F100 (3) ア", "r06-tsuchi-ika.txt L18709")),
        Some((T8, "F100 (3) ア", "r08-tsuchi-ika.txt L19772"))
    ),
    para!(
        "F100.tsuchi3a.i",
        Some((T6, "F100 (3) ア (イ)", "r06-tsuchi-ika.txt L18719")),
        Some((T8, "F100 (3) ア (イ)", "r08-tsuchi-ika.txt L19784"))
    ),
    para!(
        "F100.tsuchi3a.ro",
        Some((T6, "F100 (3) ア (ロ)", "r06-tsuchi-ika.txt L18723")),
        Some((T8, "F100 (3) ア (ロ)", "r08-tsuchi-ika.txt L19788"))
    ),
    para!(
        "F100.tsuchi3a.ha",
        Some((T6, "F100 (3) ア (ハ)", "r06-tsuchi-ika.txt L18729")),
        Some((T8, "F100 (3) ア (ハ)", "r08-tsuchi-ika.txt L19794"))
    ),
    para!(
        "F100.tsuchi3a.ni",
        Some((T6, "F100 (3) ア (ニ)", "r06-tsuchi-ika.txt L18735")),
        Some((T8, "F100 (3) ア (ニ)", "r08-tsuchi-ika.txt L19800"))
    ),
    para!(
        "F100.tsuchi3i",
        Some((T6, "F100 (3) イ", "r06-tsuchi-ika.txt L18753")),
        Some((T8, "F100 (3) イ", "r08-tsuchi-ika.txt L19816"))
    ),
    para!(
        "F100.tsuchi4",
        Some((T6, "F100 (4)", "r06-tsuchi-ika.txt L18758")),
        Some((T8, "F100 (4)", "r08-tsuchi-ika.txt L19822"))
    ),
    para!(
        "F100.tsuchi6",
        Some((T6, "F100 (6)", "r06-tsuchi-ika.txt L18763")),
        Some((T8, "F100 (6)", "r08-tsuchi-ika.txt L19829"))
    ),
    para!(
        "F100.tsuchi7",
        Some((T6, "F100 (7)", "r06-tsuchi-ika.txt L18773")),
        Some((T8, "F100 (7)", "r08-tsuchi-ika.txt L19839"))
    ),
    para!(
        "F100.tsuchi8",
        Some((T6, "F100 (8)", "r06-tsuchi-ika.txt L18775")),
        Some((T8, "F100 (8)", "r08-tsuchi-ika.txt L19841"))
    ),
    para!(
        "F100.tsuchi9a",
        Some((T6, "F100 (9) ア", "r06-tsuchi-ika.txt L18779")),
        Some((T8, "F100 (9) ア", "r08-tsuchi-ika.txt L19845"))
    ),
    para!(
        "F100.tsuchi9i",
        Some((T6, "F100 (9) イ", "r06-tsuchi-ika.txt L18785")),
        Some((T8, "F100 (9) イ", "r08-tsuchi-ika.txt L19849"))
    ),
    para!(
        "F100.tsuchi9u",
        Some((T6, "F100 (9) ウ", "r06-tsuchi-ika.txt L18788")),
        Some((T8, "F100 (9) ウ", "r08-tsuchi-ika.txt L19852"))
    ),
    para!(
        "F100.tsuchi10",
        Some((T6, "F100 (10)", "r06-tsuchi-ika.txt L18798")),
        Some((T8, "F100 (10)", "r08-tsuchi-ika.txt L19862"))
    ),
    para!(
        "F100.tsuchi10i",
        Some((T6, "F100 (10) イ", "r06-tsuchi-ika.txt L18804")),
        Some((T8, "F100 (10) イ", "r08-tsuchi-ika.txt L19870"))
    ),
    para!(
        "F100.tsuchi11",
        Some((T6, "F100 (11)", "r06-tsuchi-ika.txt L18808")),
        Some((T8, "F100 (11)", "r08-tsuchi-ika.txt L19874"))
    ),
    para!(
        "F100.tsuchi12",
        Some((T6, "F100 (12)", "r06-tsuchi-ika.txt L18830")),
        Some((T8, "F100 (12)", "r08-tsuchi-ika.txt L19894"))
    ),
    para!(
        "F100.tsuchi13",
        Some((T6, "F100 (13)", "r06-tsuchi-ika.txt L18833")),
        Some((T8, "F100 (13)", "r08-tsuchi-ika.txt L19899"))
    ),
    // F200
    para!(
        "F200",
        Some((K6, "別表第一 F200", "r06-kokuji-ika.txt L10836")),
        Some((K8, "別表第一 F200", "r08-kokuji-ika.txt L11506"))
    ),
    para!(
        "F200.note2",
        Some((K6, "別表第一 F200 注2", "r06-kokuji-ika.txt L10850")),
        Some((K8, "別表第一 F200 注2", "r08-kokuji-ika.txt L11520"))
    ),
    para!(
        "F200.note3",
        Some((K6, "別表第一 F200 注3", "r06-kokuji-ika.txt L10856")),
        Some((K8, "別表第一 F200 注3", "r08-kokuji-ika.txt L11526"))
    ),
    para!(
        "F200.tsuchi3",
        Some((T6, "F200 (3)", "r06-tsuchi-ika.txt L18857")),
        Some((T8, "F200 (3)", "r08-tsuchi-ika.txt L19919"))
    ),
    para!(
        "F200.tsuchi6a",
        Some((T6, "F200 (6) ア", "r06-tsuchi-ika.txt L18876")),
        Some((T8, "F200 (6) ア", "r08-tsuchi-ika.txt L19936"))
    ),
    para!(
        "F200.tsuchi6a.ni",
        Some((T6, "F200 (6) ア (ニ)", "r06-tsuchi-ika.txt L18883")),
        Some((T8, "F200 (6) ア (ニ)", "r08-tsuchi-ika.txt L19943"))
    ),
    para!(
        "F200.tsuchi6u",
        Some((T6, "F200 (6) ウ・エ", "r06-tsuchi-ika.txt L18885")),
        Some((T8, "F200 (6) ウ・エ", "r08-tsuchi-ika.txt L19945"))
    ),
    para!(
        "F200.tsuchi6o",
        Some((T6, "F200 (6) オ", "r06-tsuchi-ika.txt L18890")),
        Some((T8, "F200 (6) オ", "r08-tsuchi-ika.txt L19952"))
    ),
    // F400
    para!(
        "F400.note1",
        Some((K6, "別表第一 F400 注1", "r06-kokuji-ika.txt L10894")),
        Some((K8, "別表第一 F400 注1", "r08-kokuji-ika.txt L11564"))
    ),
    para!(
        "F400.note2",
        Some((K6, "別表第一 F400 注2", "r06-kokuji-ika.txt L10896")),
        Some((K8, "別表第一 F400 注2", "r08-kokuji-ika.txt L11566"))
    ),
    para!(
        "F400.note3",
        Some((K6, "別表第一 F400 注3", "r06-kokuji-ika.txt L10905")),
        Some((K8, "別表第一 F400 注3", "r08-kokuji-ika.txt L11575"))
    ),
    para!(
        "F400.note4",
        Some((K6, "別表第一 F400 注4", "r06-kokuji-ika.txt L10907")),
        Some((K8, "別表第一 F400 注4", "r08-kokuji-ika.txt L11577"))
    ),
    para!(
        "F400.note5",
        Some((K6, "別表第一 F400 注5", "r06-kokuji-ika.txt L10912")),
        Some((K8, "別表第一 F400 注5", "r08-kokuji-ika.txt L11582"))
    ),
    para!(
        "F400.note6",
        Some((K6, "別表第一 F400 注6", "r06-kokuji-ika.txt L10917")),
        Some((K8, "別表第一 F400 注6", "r08-kokuji-ika.txt L11588"))
    ),
    para!(
        "F400.note7",
        Some((K6, "別表第一 F400 注7", "r06-kokuji-ika.txt L10923")),
        Some((K8, "別表第一 F400 注7", "r08-kokuji-ika.txt L11593"))
    ),
    para!(
        "F400.note8",
        Some((K6, "別表第一 F400 注8", "r06-kokuji-ika.txt L10930")),
        Some((K8, "別表第一 F400 注8", "r08-kokuji-ika.txt L11600"))
    ),
    para!(
        "F400.tsuchi2",
        Some((T6, "F400 (2)", "r06-tsuchi-ika.txt L18935")),
        Some((T8, "F400 (2)", "r08-tsuchi-ika.txt L19996"))
    ),
    para!(
        "F400.tsuchi3",
        Some((T6, "F400 (3)", "r06-tsuchi-ika.txt L18942")),
        Some((T8, "F400 (3)", "r08-tsuchi-ika.txt L20003"))
    ),
    para!(
        "F400.tsuchi4",
        Some((T6, "F400 (4)", "r06-tsuchi-ika.txt L18944")),
        Some((T8, "F400 (4)", "r08-tsuchi-ika.txt L20005"))
    ),
    para!(
        "F400.tsuchi5",
        Some((T6, "F400 (5)", "r06-tsuchi-ika.txt L18946")),
        Some((T8, "F400 (5)", "r08-tsuchi-ika.txt L20007"))
    ),
    para!(
        "F400.tsuchi6",
        Some((T6, "F400 (6)", "r06-tsuchi-ika.txt L18947")),
        Some((T8, "F400 (6)", "r08-tsuchi-ika.txt L20008"))
    ),
    para!(
        "F400.tsuchi7",
        Some((T6, "F400 (7)", "r06-tsuchi-ika.txt L18952")),
        Some((T8, "F400 (7)", "r08-tsuchi-ika.txt L20011"))
    ),
    para!(
        "F400.tsuchi8",
        Some((T6, "F400 (8)", "r06-tsuchi-ika.txt L18956")),
        Some((T8, "F400 (8)", "r08-tsuchi-ika.txt L20015"))
    ),
    para!(
        "F400.tsuchi9",
        Some((T6, "F400 (9)", "r06-tsuchi-ika.txt L18959")),
        Some((T8, "F400 (9)", "r08-tsuchi-ika.txt L20018"))
    ),
    para!(
        "F400.tsuchi9.syringe",
        Some((T6, "F400 (9) 第2段落", "r06-tsuchi-ika.txt L18961")),
        Some((T8, "F400 (9) 第2段落", "r08-tsuchi-ika.txt L20027"))
    ),
    para!(
        "F400.tsuchi10",
        Some((T6, "F400 (10)", "r06-tsuchi-ika.txt L18962")),
        Some((T8, "F400 (10)", "r08-tsuchi-ika.txt L20028"))
    ),
    para!(
        "F400.tsuchi11",
        Some((T6, "F400 (11)", "r06-tsuchi-ika.txt L18963")),
        Some((T8, "F400 (11)", "r08-tsuchi-ika.txt L20029"))
    ),
    para!(
        "F400.tsuchi12",
        Some((T6, "F400 (12)", "r06-tsuchi-ika.txt L18968")),
        Some((T8, "F400 (12)", "r08-tsuchi-ika.txt L20036"))
    ),
    para!(
        "F400.tsuchi12.biologic",
        None,
        Some((
            T8,
            "F400 (12) バイオ後続品のあるバイオ医薬品",
            "r08-tsuchi-ika.txt L20037"
        ))
    ),
    para!(
        "F400.tsuchi12.lowest",
        Some((T6, "F400 (12) 最も低い薬価", "r06-tsuchi-ika.txt L18979")),
        Some((T8, "F400 (12) 最も低い薬価", "r08-tsuchi-ika.txt L20049"))
    ),
    para!(
        "F400.tsuchi13",
        Some((T6, "F400 (13)", "r06-tsuchi-ika.txt L18981")),
        Some((T8, "F400 (13)", "r08-tsuchi-ika.txt L20051"))
    ),
    para!(
        "F400.tsuchi15",
        Some((T6, "F400 (15)", "r06-tsuchi-ika.txt L18989")),
        Some((T8, "F400 (15)", "r08-tsuchi-ika.txt L20059"))
    ),
    para!(
        "F400.tsuchi16",
        Some((T6, "F400 (16)", "r06-tsuchi-ika.txt L18993")),
        Some((T8, "F400 (16)", "r08-tsuchi-ika.txt L20061"))
    ),
    // F500
    para!(
        "F500.note1",
        Some((K6, "別表第一 F500 注1", "r06-kokuji-ika.txt L10940")),
        Some((K8, "別表第一 F500 注1", "r08-kokuji-ika.txt L11610"))
    ),
    para!(
        "F500.note2",
        Some((K6, "別表第一 F500 注2", "r06-kokuji-ika.txt L10942")),
        Some((K8, "別表第一 F500 注2", "r08-kokuji-ika.txt L11612"))
    ),
    para!(
        "F500.note4",
        Some((K6, "別表第一 F500 注4", "r06-kokuji-ika.txt L10946")),
        Some((K8, "別表第一 F500 注4", "r08-kokuji-ika.txt L11616"))
    ),
    para!(
        "F500.tsuchi1",
        Some((T6, "F500 (1)", "r06-tsuchi-ika.txt L19006")),
        Some((T8, "F500 (1)", "r08-tsuchi-ika.txt L20076"))
    ),
    para!(
        "F500.tsuchi2",
        Some((T6, "F500 (2)", "r06-tsuchi-ika.txt L19010")),
        Some((T8, "F500 (2)", "r08-tsuchi-ika.txt L20080"))
    ),
    // 施設基準 and 疑義解釈
    para!(
        "kijun.7.5",
        Some((
            "R06 施設基準告示",
            "特掲診療料の施設基準等 第七 五 (一般名処方加算)",
            "r06-kokuji-shisetsu-kijun.txt L6365"
        )),
        Some((
            "R08 施設基準告示",
            "特掲診療料の施設基準等 第七 五 (一般名処方加算)",
            "r08-kokuji-shisetsu-kijun.txt L7046"
        ))
    ),
    para!(
        "gigi.37",
        None,
        Some(("R08 疑義解釈その1", "問37", "r08-gigi-kaishaku-1.txt L387"))
    ),
];

/// The basis for a paragraph in the revision in force, if the paragraph exists then.
pub fn basis(rev: Revision, key: &str) -> Option<Basis> {
    let p = PARAS.iter().find(|p| p.key == key)?;
    let (doc, at, law) = match rev {
        Revision::R06 => p.r06?,
        Revision::R08 => p.r08?,
    };
    Some(Basis {
        doc: doc.to_string(),
        at: at.to_string(),
        law: Some(law.to_string()),
    })
}

/// Bases for several paragraphs (those that exist in the revision).
pub fn bases(rev: Revision, keys: &[&str]) -> Vec<Basis> {
    keys.iter().filter_map(|k| basis(rev, k)).collect()
}

/// Cite paragraphs on a finding.
pub fn cite(mut fb: FindingBuilder, rev: Revision, keys: &[&str]) -> FindingBuilder {
    for b in bases(rev, keys) {
        fb = fb.basis(b);
    }
    fb
}

/// A basis for a document the law/ excerpts do not transcribe (cited by location only).
pub fn uncited(doc: &str, at: &str) -> Basis {
    Basis {
        doc: doc.to_string(),
        at: at.to_string(),
        law: None,
    }
}

/// One billing unit: the slips of one 処方箋の交付 (F400 (3)(4)) or one 処方 (F100 (2)).
#[derive(Debug, Clone)]
pub struct Unit {
    /// Indices into `claim.prescriptions`.
    pub rx: Vec<usize>,
}

impl Unit {
    /// The id of the first slip (lines and findings carry it).
    pub fn id<'c>(&self, ctx: &Ctx<'c>) -> Option<&'c str> {
        let claim: &'c crate::api::Claim = ctx.claim;
        self.rx
            .first()
            .and_then(|&i| claim.prescriptions.get(i))
            .and_then(|p| p.id.as_deref())
    }

    /// (prescription index, item index) of every item in the unit.
    pub fn items(&self, ctx: &Ctx<'_>) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        for &i in &self.rx {
            if let Some(p) = ctx.claim.prescriptions.get(i) {
                for j in 0..p.items.len() {
                    out.push((i, j));
                }
            }
        }
        out
    }
}

/// Group the prescriptions of one dispensing mode into billing units.
///
/// F400 (3): slips issued at the same time in one 一連の診療 count once (same `issuance` key).
/// F400 (4) / F100 (2): two or more departments with *different* doctors bill one each. Slips
/// without an `issuance` key are merged unless both their department and their doctor are stated
/// and differ.
pub fn units(ctx: &Ctx<'_>, mode: Dispensing, only: Option<&[usize]>) -> Vec<Unit> {
    let idx: Vec<usize> = ctx
        .claim
        .prescriptions
        .iter()
        .enumerate()
        .filter(|(i, p)| p.dispensing == mode && only.is_none_or(|o| o.contains(i)))
        .map(|(i, _)| i)
        .collect();
    let mut groups: Vec<Unit> = Vec::new();
    let mut by_issuance: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    for i in idx {
        let Some(p) = ctx.claim.prescriptions.get(i) else {
            continue;
        };
        let pos = match &p.issuance {
            Some(key) => by_issuance.get(key.as_str()).copied(),
            // Compare with each group's first slip (a claim holds a handful of slips; the cap keeps
            // a pathological claim linear).
            None => groups
                .iter()
                .take(64)
                .position(|g| {
                    g.rx.first()
                        .and_then(|&k| ctx.claim.prescriptions.get(k))
                        .is_some_and(|q| q.issuance.is_none() && same_unit(p, q))
                })
                .or_else(|| (groups.len() >= 64).then(|| groups.len() - 1)),
        };
        match pos.and_then(|n| groups.get_mut(n)) {
            Some(g) => g.rx.push(i),
            None => {
                if let Some(key) = &p.issuance {
                    by_issuance.insert(key.as_str(), groups.len());
                }
                groups.push(Unit { rx: vec![i] });
            }
        }
    }
    groups
}

fn same_unit(a: &Prescription, b: &Prescription) -> bool {
    match (&a.issuance, &b.issuance) {
        (Some(x), Some(y)) => x == y,
        _ => {
            let dept_differs =
                matches!((&a.department, &b.department), (Some(x), Some(y)) if x != y);
            let doc_differs = matches!((&a.doctor, &b.doctor), (Some(x), Some(y)) if x != y);
            !(dept_differs && doc_differs)
        }
    }
}

/// Whether rule-set text applies to this claim's setting (the 投薬 rules here are outpatient).
pub fn outpatient(ctx: &Ctx<'_>) -> bool {
    ctx.claim.setting == Setting::Outpatient
}

/// The resolved drug of item (i, j).
pub fn drug<'a>(ctx: &'a Ctx<'_>, i: usize, j: usize) -> Option<&'a DrugRef> {
    ctx.drugs.get(i).and_then(|r| r.get(j))
}

pub fn item<'c>(ctx: &Ctx<'c>, i: usize, j: usize) -> Option<&'c crate::api::Item> {
    let claim: &'c crate::api::Claim = ctx.claim;
    claim.prescriptions.get(i).and_then(|p| p.items.get(j))
}

/// Is the item a 内服薬 taken regularly (not 頓服, not a temporary course of ≤ 14 days)?
/// F200 (6) ウ・エ: 臨時 = continuous ≤ 2 weeks; longer temporary courses count as 常態.
pub fn regular_internal(ctx: &Ctx<'_>, i: usize, j: usize) -> Option<bool> {
    let d = drug(ctx, i, j)?;
    let it = item(ctx, i, j)?;
    let internal = d.route? == Route::Internal;
    if !internal {
        return Some(false);
    }
    Some(match it.use_ {
        Some(Use::Prn) => false,
        Some(Use::Temporary) => it.days.is_some_and(|n| n > 14),
        Some(Use::Regular) | None => true,
    })
}

/// Age in whole years on a date.
pub fn age_on(birth: IsoDate, on: IsoDate) -> i32 {
    let mut age = on.year() - birth.year();
    if (on.month(), on.day()) < (birth.month(), birth.day()) {
        age -= 1;
    }
    age
}

/// Codes billed earlier this month (history), for monthly limits.
pub fn billed_this_month(ctx: &Ctx<'_>, codes: &[&str]) -> bool {
    ctx.claim
        .history
        .billed_this_month
        .iter()
        .any(|b| codes.contains(&b.code.as_str()))
}

/// A filing (届出) for one of `items` in force on the date of service.
pub fn has_filing(ctx: &Ctx<'_>, items: &[&str]) -> bool {
    ctx.claim.facility.filings.iter().any(|f| {
        items.contains(&f.item.as_str())
            && f.since <= ctx.date
            && f.until.is_none_or(|u| ctx.date <= u)
    })
}

/// The SSK code of an item on the date of service (for findings and history checks).
pub fn code_of(ctx: &Ctx<'_>, item: &str) -> String {
    ctx.law.code(item, ctx.date).unwrap_or_default().to_string()
}

/// A remark with this comment code, or any free-text remark passing `text_ok`.
pub fn remark_has(ctx: &Ctx<'_>, code: &str) -> bool {
    ctx.claim
        .remarks
        .iter()
        .any(|r| r.code.as_deref() == Some(code))
}

pub fn path_item(i: usize, j: usize) -> String {
    format!("prescriptions[{i}].items[{j}]")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_cited_line_exists_in_law() {
        use std::collections::HashMap;
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("law");
        let mut files: HashMap<&str, String> = HashMap::new();
        for p in PARAS {
            for (_, _, law) in [p.r06, p.r08].into_iter().flatten() {
                let (file, line) = law.split_once(" L").unwrap();
                let text = files
                    .entry(file)
                    .or_insert_with(|| std::fs::read_to_string(root.join(file)).unwrap());
                let tag = format!("L{line}:");
                assert!(
                    text.lines().any(|l| l.starts_with(&tag)),
                    "{}: {law} not in law/",
                    p.key
                );
            }
        }
    }

    #[test]
    fn notice3_and_4_grouping_same_or_different_doctors() {
        let mk = |dept: &str, doc: &str| Prescription {
            id: None,
            dispensing: Dispensing::Outside,
            department: Some(dept.into()),
            doctor: Some(doc.into()),
            emergency: None,
            refill: None,
            refill_uses: None,
            issuance: None,
            flags: Default::default(),
            items: vec![],
        };
        assert!(same_unit(&mk("内科", "A"), &mk("内科", "B")));
        assert!(same_unit(&mk("内科", "A"), &mk("外科", "A")));
        assert!(!same_unit(&mk("内科", "A"), &mk("外科", "B")));
    }

    #[test]
    fn age_counts_whole_years() {
        let d = |s| IsoDate::parse(s).unwrap();
        assert_eq!(age_on(d("2023-06-02"), d("2026-06-01")), 2);
        assert_eq!(age_on(d("2023-06-01"), d("2026-06-01")), 3);
    }
}

/// Test helper: evaluate a claim given as a JSON value with no master (inline facts only).
#[cfg(test)]
pub(crate) fn eval_for_test(claim: serde_json::Value) -> crate::api::Evaluation {
    let text = claim.to_string();
    let c = crate::engine::parse_claim(&text).unwrap();
    crate::engine::evaluate_claim(&c, &crate::master::NoCatalog).unwrap()
}

/// Test helper: the (item, points, count) of every line.
#[cfg(test)]
pub(crate) fn lines_of(e: &crate::api::Evaluation) -> Vec<(String, String, u32)> {
    e.lines
        .iter()
        .map(|l| (l.item.clone(), l.points.to_string(), l.count))
        .collect()
}
