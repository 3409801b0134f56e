//! The extractor on sentences written for these tests (none is copied from a corpus):
//! each test names one construction of biomedical prose.

use claimgraph::claim::Claim;
use claimgraph::document::Document;
use claimgraph::extract::Extractor;

/// The hand-written rules' claims (the constructions these tests name are theirs; the
/// learned reader has its own tests below).
fn extract(text: &str) -> Vec<Claim> {
    let ex = Extractor::bundled().with_mode(claimgraph::extract::Mode::Rules);
    ex.extract(&Document::parse("t", format!("Test document\n{text}\n")))
}

/// (subject label, relation, object label, negated, hedged) of each claim.
fn triples(text: &str) -> Vec<(String, String, String, bool, bool)> {
    extract(text)
        .into_iter()
        .map(|c| {
            (
                c.subject.label,
                c.relation,
                c.object.label,
                c.negated,
                c.hedged,
            )
        })
        .collect()
}

fn has(ts: &[(String, String, String, bool, bool)], s: &str, r: &str, o: &str) -> bool {
    ts.iter().any(|t| t.0 == s && t.1 == r && t.2 == o)
}

#[test]
fn active_verb_with_expression_aspect() {
    let ts = triples("Selenium suppresses the production of IL-6 in macrophages.");
    assert!(has(&ts, "selenium", "suppresses", "IL-6"), "{ts:?}");
    assert_eq!(ts.len(), 1, "the location is not an argument: {ts:?}");
}

#[test]
fn absorption_aspect_before_and_after_the_object() {
    let ts =
        triples("Vitamin C enhances the absorption of iron. Calcium inhibits iron absorption.");
    assert!(
        has(&ts, "vitamin C", "enhances-absorption", "iron"),
        "{ts:?}"
    );
    assert!(has(&ts, "calcium", "reduces-absorption", "iron"), "{ts:?}");
}

#[test]
fn passive_with_agent() {
    let ts = triples("The secretion of TNF-α was suppressed by magnesium.");
    assert!(has(&ts, "magnesium", "suppresses", "TNF-α"), "{ts:?}");
}

#[test]
fn negation_and_hedging() {
    let ts = triples(
        "Magnesium did not reduce the risk of osteoporosis. Selenium may lower inflammation.",
    );
    let neg = ts
        .iter()
        .find(|t| t.0 == "magnesium")
        .expect("magnesium claim");
    assert!(neg.3 && !neg.4, "{ts:?}");
    let hedged = ts
        .iter()
        .find(|t| t.0 == "selenium")
        .expect("selenium claim");
    assert!(!hedged.3 && hedged.4, "{ts:?}");
}

#[test]
fn coordination_on_both_sides_gives_each_pair() {
    let ts = triples("Both vitamin E and selenium reduce IL-6 and TNF-α.");
    for s in ["vitamin E", "selenium"] {
        for o in ["IL-6", "TNF-α"] {
            assert!(ts.iter().any(|t| t.0 == s && t.2 == o), "{s} {o}: {ts:?}");
        }
    }
}

#[test]
fn combination_cue_makes_one_combination_node() {
    let claims = extract("When combined, magnesium and vitamin K lower the risk of osteoporosis.");
    assert_eq!(claims.len(), 1, "{claims:?}");
    let s = &claims[0].subject;
    assert_eq!(s.kind.as_str(), "combination");
    assert_eq!(s.members.len(), 2);
    assert!(s.id.starts_with("combination:"));
    let mut ids: Vec<&str> = s.members.iter().map(|m| m.id.as_str()).collect();
    let sorted = {
        let mut v = ids.clone();
        v.sort();
        v
    };
    assert_eq!(ids, sorted, "members sorted by id");
    ids.dedup();
    assert_eq!(ids.len(), 2);
}

#[test]
fn anaphora_they_and_this_combination() {
    let text = "Selenium and vitamin E are antioxidants. They reduce inflammation.\n\
                Combined selenium and vitamin E supplementation lowered IL-6. This combination also reduced TNF-α secretion.";
    let ts = triples(text);
    assert!(has(&ts, "selenium", "decreases", "inflammation"), "{ts:?}");
    assert!(has(&ts, "vitamin E", "decreases", "inflammation"), "{ts:?}");
    let combo: Vec<_> = ts.iter().filter(|t| t.0.contains(" + ")).collect();
    assert!(
        combo.iter().any(|t| t.2 == "TNF-α" && t.1 == "suppresses"),
        "{ts:?}"
    );
}

#[test]
fn deficiency_subject_flips_the_sign() {
    let ts = triples("Magnesium deficiency increases the production of IL-6.");
    assert!(has(&ts, "magnesium", "suppresses", "IL-6"), "{ts:?}");
}

#[test]
fn examples_replace_the_general_argument() {
    let ts = triples("Vitamin E reduces inflammatory cytokines such as IL-6.");
    assert!(
        ts.iter().any(|t| t.0 == "vitamin E" && t.2 == "IL-6"),
        "{ts:?}"
    );
}

#[test]
fn relative_clause_subject_is_its_antecedent() {
    let ts = triples("Selenium increases glutathione peroxidase, which reduces oxidative stress.");
    assert!(
        ts.iter()
            .any(|t| t.0 == "glutathione peroxidase" && t.2 == "oxidative stress"),
        "{ts:?}"
    );
}

#[test]
fn context_species_population_tissue() {
    let claims =
        extract("In mice, vitamin E lowered IL-6 secretion in the liver of elderly adults.");
    let c = claims.first().expect("a claim");
    assert_eq!(c.context.species.as_deref(), Some("mouse"));
    assert_eq!(c.context.tissue.as_deref(), Some("liver"));
    assert_eq!(c.context.population.as_deref(), Some("elderly adults"));
}

#[test]
fn evidence_spans_point_at_the_sentence() {
    let text = "Test document\nSelenium lowers IL-6. Vitamin E reduces inflammation.\n";
    let doc = Document::parse("t", text);
    let claims = Extractor::bundled().extract(&doc);
    assert!(!claims.is_empty());
    for c in claims {
        let (s, e) = (c.evidence.start.unwrap(), c.evidence.end.unwrap());
        assert_eq!(&text[s..e], &*c.evidence.sentence);
        assert!(c.evidence.trigger.is_some());
    }
}

#[test]
fn summary_citations_reach_every_claim_of_the_paragraph() {
    let text = "Iron and zinc\nPro Research Analysisby \nSearched over 200M research papers\nAbsorption\n\
                Calcium inhibits iron absorption. Vitamin C enhances iron absorption 3712.\nSources and full results\n";
    let claims = Extractor::bundled().extract(&Document::parse("s", text));
    assert_eq!(claims.len(), 2, "{claims:?}");
    for c in claims {
        assert_eq!(c.evidence.citations, vec![3, 7, 12]);
        assert_eq!(c.evidence.section.as_deref(), Some("Absorption"));
        assert!(!c.evidence.sentence.contains("3712"));
    }
}

#[test]
fn no_claim_without_a_trigger_or_without_two_entities() {
    assert!(triples("Zinc and copper are trace elements found in many foods.").is_empty());
    assert!(triples("Selenium suppresses the production of several molecules.").is_empty());
}

mod properties {
    use super::*;
    use proptest::prelude::*;

    /// Words that exercise triggers, entities, coordination and punctuation.
    fn word() -> impl Strategy<Value = String> {
        prop_oneof![
            Just("zinc".to_string()),
            Just("IL-6".to_string()),
            Just("vitamin D".to_string()),
            Just("suppresses".to_string()),
            Just("reduced".to_string()),
            Just("by".to_string()),
            Just("and".to_string()),
            Just(",".to_string()),
            Just("which".to_string()),
            Just("(".to_string()),
            Just(")".to_string()),
            Just("not".to_string()),
            Just("the expression of".to_string()),
            Just("They".to_string()),
            Just("this combination".to_string()),
            Just("-induced".to_string()),
            Just(".".to_string()),
            "[a-zγβ-]{1,8}",
            "\\PC{1,3}",
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]
        #[test]
        fn extraction_never_panics_and_spans_are_sentences(words in proptest::collection::vec(word(), 0..40), summary in any::<bool>()) {
            let body = words.join(" ");
            let text = if summary {
                format!("Title\nPro Research Analysisby \nHeading\n{body} 125.\nSources and full results\n")
            } else {
                format!("Title\n{body}\n")
            };
            let doc = Document::parse("p", text.clone());
            for s in &doc.sentences {
                prop_assert!(text.is_char_boundary(s.start) && text.is_char_boundary(s.end) && s.start <= s.end);
            }
            for c in Extractor::bundled().extract(&doc) {
                let (s, e) = (c.evidence.start.unwrap(), c.evidence.end.unwrap());
                prop_assert!(e <= text.len() && text.is_char_boundary(s) && text.is_char_boundary(e));
                prop_assert_eq!(&text[s..e], &*c.evidence.sentence);
                prop_assert!(c.subject.id != c.object.id);
            }
        }
    }
}

#[test]
fn abbreviations_defined_in_the_text_name_entities() {
    // An unknown long form becomes an ungrounded entity named by its short form too.
    let claims =
        extract("Tetramethylfoo compound (TMFC) was tested. TMFC suppresses IL-6 secretion.");
    let c = claims
        .iter()
        .find(|c| c.object.label == "IL-6")
        .expect("TMFC claim");
    assert_eq!(c.subject.label, "Tetramethylfoo compound");
    assert!(c.subject.id.starts_with("claimgraph:"));
    assert!(c.subject.synonyms.contains(&"TMFC".to_string()));
    // A known long form gets the short form as a document-local synonym.
    let claims = extract("We gave selenium (SLN) to mice. SLN lowered IL-6.");
    let c = claims
        .iter()
        .find(|c| c.object.label == "IL-6")
        .expect("SLN claim");
    assert_eq!(c.subject.label, "selenium");
    assert!(c.subject.synonyms.contains(&"SLN".to_string()));
}

#[test]
fn nominalisation_after_its_object_with_agent() {
    let ts = triples("We measured NF-kappaB activation by IL-6 in these cells.");
    assert!(
        ts.iter()
            .any(|t| t.0 == "IL-6" && t.1 == "increases" && t.2.starts_with("NF-")),
        "{ts:?}"
    );
}

#[test]
fn agentless_passive_takes_the_agent_of_upon() {
    let ts = triples("IL-6 expression was induced tenfold upon selenium stimulation.");
    assert!(
        ts.iter().any(|t| t.0 == "selenium" && t.2 == "IL-6"),
        "{ts:?}"
    );
}

#[test]
fn low_status_of_a_subject_flips_the_sign() {
    let ts = triples("Low selenium status impairs the synthesis of glutathione peroxidase.");
    assert!(
        has(&ts, "selenium", "induces", "glutathione peroxidase"),
        "{ts:?}"
    );
}

#[test]
fn together_makes_a_combination() {
    let claims = extract("Together, selenium and vitamin E may reduce IL-6 levels.");
    assert_eq!(claims.len(), 1, "{claims:?}");
    assert_eq!(claims[0].subject.kind.as_str(), "combination");
    assert!(claims[0].hedged);
}

/// Every claim of `text` as (subject label, relation, object label, negated).
fn polar(text: &str) -> Vec<(String, String, String, bool)> {
    triples(text)
        .into_iter()
        .map(|t| (t.0, t.1, t.2, t.3))
        .collect()
}

#[test]
fn hyphen_suffix_inside_an_object_states_its_own_claim() {
    let ts = triples("Selenium blocked TNF-alpha-induced VCAM-1 expression.");
    assert!(has(&ts, "TNF-α", "induces", "VCAM-1"), "{ts:?}");
    assert!(has(&ts, "selenium", "suppresses", "VCAM-1"), "{ts:?}");
    // Through a parenthesised abbreviation.
    let ts = triples("Zinc lowered tumor necrosis factor-alpha (TNF-alpha)-induced IL-8 release.");
    assert!(has(&ts, "TNF-α", "induces", "IL-8"), "{ts:?}");
}

#[test]
fn but_not_denies_one_conjunct() {
    let ts = polar("Zinc and selenium, but not copper, reduced IL-6 production.");
    assert!(ts.contains(&("zinc".into(), "suppresses".into(), "IL-6".into(), false)));
    assert!(ts.contains(&("copper".into(), "suppresses".into(), "IL-6".into(), true)));
}

#[test]
fn negation_scope_ends_at_the_next_verb() {
    let ts = polar(
        "Magnesium lowers IL-6 secretion without altering IL-8 levels and raises IL-10 secretion.",
    );
    assert!(
        ts.contains(&("magnesium".into(), "induces".into(), "IL-10".into(), false)),
        "{ts:?}"
    );
    assert!(
        ts.contains(&("magnesium".into(), "regulates".into(), "IL-8".into(), true)),
        "{ts:?}"
    );
}

#[test]
fn predicate_nouns_after_light_verbs_and_effects_of_on() {
    let ts = polar("Copper at low doses had no effect on IL-6 release.");
    assert!(
        ts.contains(&("copper".into(), "regulates".into(), "IL-6".into(), true)),
        "{ts:?}"
    );
    let ts = triples("We examined the effects of zinc and copper on IL-2 production.");
    assert!(has(&ts, "zinc", "regulates", "IL-2"), "{ts:?}");
    assert!(has(&ts, "copper", "regulates", "IL-2"), "{ts:?}");
}

#[test]
fn parenthesised_members_of_an_object() {
    let ts = triples("Selenium lowered the secretion of cytokines (IL-6, TNF-alpha and IL-10).");
    for o in ["IL-6", "TNF-α", "IL-10"] {
        assert!(has(&ts, "selenium", "suppresses", o), "{o}: {ts:?}");
    }
}

#[test]
fn molecular_mentions_run_through_their_head_noun() {
    let c = extract("Zinc induced IL-6 mRNA in these cells.");
    assert_eq!(c.len(), 1, "{c:?}");
    assert_eq!(c[0].object.label, "IL-6");
    assert_eq!(c[0].object.mention.as_deref(), Some("IL-6 mRNA"));
}

#[test]
fn unknown_symbols_and_receptors_are_ungrounded_nodes() {
    let c = extract("XK469 inhibited IL-6 secretion.");
    assert_eq!(c.len(), 1, "{c:?}");
    assert_eq!(c[0].subject.id, "claimgraph:xk469");
    // "glucose receptor" is a protein, not glucose.
    let c = extract("Zinc activates the glucose receptor.");
    assert_eq!(c.len(), 1, "{c:?}");
    assert_eq!(c[0].object.label, "glucose receptor");
    assert_eq!(c[0].object.kind.as_str(), "protein");
}

#[test]
fn agent_nouns_name_what_an_agent_acts_on() {
    let ts = triples("The NF-kappaB inhibitor XK469 lowered IL-6 secretion.");
    assert!(has(&ts, "XK469", "suppresses", "NF-κB"), "{ts:?}");
    assert!(has(&ts, "XK469", "suppresses", "IL-6"), "{ts:?}");
}

#[test]
fn cells_named_for_their_activity_or_place_are_not_arguments() {
    assert!(triples("Selenium enhanced neutrophil adhesion.").is_empty());
    let ts = triples("In human bronchial epithelial cells, zinc lowered IL-8 secretion.");
    assert_eq!(ts.len(), 1, "{ts:?}");
}

#[test]
fn a_documents_long_form_wins_over_names_inside_it() {
    let c = extract("The growth factor of activated T cells (GFATC) induces IL-2 expression.");
    assert_eq!(c.len(), 1, "{c:?}");
    assert_eq!(c[0].subject.label, "growth factor of activated T cells");
}

#[test]
fn comma_participle_shares_the_main_subject() {
    let ts = triples("Selenium is a potent activator of macrophages, causing secretion of IL-6.");
    assert!(has(&ts, "selenium", "induces", "IL-6"), "{ts:?}");
}

/// The floors of the extraction issue: the scorer over the dev corpus (../shared), F1
/// 0.92 on the research summaries and 0.40 on the GENIA abstracts (the shipped model
/// reaches 0.94 and 0.42).
#[test]
fn dev_corpus_meets_the_extraction_floors() {
    let shared = super::root().join("../shared");
    if !super::require(
        shared.join("tools/score_claims.py").exists(),
        "../shared (dev corpus and scorer)",
    ) {
        return;
    }
    let out = super::run_ok(
        std::process::Command::new("python3")
            .arg(super::root().join("tests/interop/score_dev.py"))
            .arg(env!("CARGO_BIN_EXE_claimgraph"))
            .arg(&shared)
            .args(["--floor-summary", "0.92", "--floor-genia", "0.40"]),
    );
    eprintln!("{out}");
}

#[test]
fn instrument_of_a_nominalisation() {
    let ts = triples("IL-6 inhibition with XK469 lowered the fever of the mice.");
    assert!(has(&ts, "XK469", "suppresses", "IL-6"), "{ts:?}");
    let ts = triples("Inhibition of the NF-kappaB pathway with XK469 was complete.");
    assert!(has(&ts, "XK469", "suppresses", "NF-κB"), "{ts:?}");
}

#[test]
fn agent_nouns_with_of_after_a_copula_or_in_apposition() {
    let ts = triples("Selenium is a potent activator of NF-kappaB.");
    assert!(has(&ts, "selenium", "increases", "NF-κB"), "{ts:?}");
    let ts = triples("We studied IL-6, a repressor of TNF-alpha secretion.");
    assert!(has(&ts, "IL-6", "suppresses", "TNF-α"), "{ts:?}");
    let ts = triples("Zinc promotes the degradation of IL-6.");
    assert!(has(&ts, "zinc", "decreases", "IL-6"), "{ts:?}");
}

/// (subject mention, relation, object mention) of each claim.
fn mentions(text: &str) -> Vec<(String, String, String)> {
    extract(text)
        .into_iter()
        .map(|c| {
            (
                c.subject.mention.unwrap_or_default(),
                c.relation,
                c.object.mention.unwrap_or_default(),
            )
        })
        .collect()
}

#[test]
fn mention_runs_through_class_nouns_and_structural_heads() {
    let ms = mentions("Curcumin blocks the activation of the transcription factor NF-kappaB.");
    assert!(
        ms.iter()
            .any(|m| m.0 == "Curcumin" && m.2 == "transcription factor NF-kappaB"),
        "{ms:?}"
    );
    let ms = mentions("Resveratrol dampens the MAP kinase cascade in hepatocytes.");
    assert!(ms.iter().any(|m| m.2 == "MAP kinase cascade"), "{ms:?}");
    // "kappa" before a name is no article.
    let ms = mentions("Curcumin blocks the IKK-kappa kinase PKR.");
    assert!(ms.iter().all(|m| !m.2.contains("kappa kinase")), "{ms:?}");
}

#[test]
fn members_joined_by_a_comma_alone_are_no_coordination() {
    let ms = mentions("Although resting monocytes express Fas, Fas mRNA was induced by IL-6.");
    assert!(
        ms.iter().any(|m| m.0 == "IL-6" && m.2 == "Fas mRNA"),
        "{ms:?}"
    );
    let ts = triples("In mice given zinc, IL-6 was lowered by selenium.");
    assert!(has(&ts, "selenium", "decreases", "IL-6"), "{ts:?}");
    assert!(!ts.iter().any(|t| t.2 == "zinc"), "{ts:?}");
}

#[test]
fn class_noun_adhesion_molecule() {
    let ts = triples("Curcumin suppressed adhesion molecule expression on endothelial cells.");
    assert!(
        has(&ts, "curcumin", "suppresses", "adhesion molecule"),
        "{ts:?}"
    );
}

#[test]
fn an_entity_inside_a_suffix_modifier_is_no_clause_subject() {
    let ts = triples("Zinc-induced thiol imbalance was associated with higher IL-6.");
    assert!(!ts.iter().any(|t| t.2 == "IL-6"), "{ts:?}");
}

#[test]
fn conjuncts_with_parallel_adverbs() {
    let ts = triples("Selenium activated strongly IL-6 and weakly IL-8.");
    assert!(has(&ts, "selenium", "increases", "IL-6"), "{ts:?}");
    assert!(has(&ts, "selenium", "increases", "IL-8"), "{ts:?}");
}

#[test]
fn all_three_agents_names_the_topic() {
    let ts = triples(
        "We compared zinc, selenium and copper in macrophages. All three agents induced the expression of IL-6.",
    );
    for s in ["zinc", "selenium", "copper"] {
        assert!(has(&ts, s, "induces", "IL-6"), "{s}: {ts:?}");
    }
}

#[test]
fn a_gerund_of_means_shares_the_clause_subject() {
    let ts = triples("Zinc lowers IL-6 secretion by blocking the activation of NF-kappaB.");
    assert!(has(&ts, "zinc", "suppresses", "IL-6"), "{ts:?}");
    assert!(has(&ts, "zinc", "suppresses", "NF-κB"), "{ts:?}");
    let ts = triples("Selenium acts by inducing IL-10.");
    assert!(has(&ts, "selenium", "induces", "IL-10"), "{ts:?}");
}

#[test]
fn a_passive_agent_list_ends_where_a_new_clause_begins() {
    let ts = triples(
        "In epithelial cells, IL-8 expression is regulated mainly by NF-kappaB, and zinc but not copper can completely inhibit expression of IL-8.",
    );
    assert!(has(&ts, "NF-κB", "regulates", "IL-8"), "{ts:?}");
    assert!(has(&ts, "zinc", "suppresses", "IL-8"), "{ts:?}");
    assert!(!has(&ts, "zinc", "regulates", "IL-8"), "{ts:?}");
    assert!(!has(&ts, "NF-κB", "suppresses", "IL-8"), "{ts:?}");
}

#[test]
fn a_regulator_noun_after_a_copula() {
    let ts = triples("We conclude that IL-6 is a context-dependent apoptosis regulator.");
    assert!(has(&ts, "IL-6", "regulates", "apoptosis"), "{ts:?}");
}

#[test]
fn a_cell_behind_a_hyphenated_modifier_after_in_is_a_location() {
    let ts =
        triples("Zinc increases the activity of the promoter in monocyte-derived macrophages.");
    assert!(!ts.iter().any(|t| t.2 == "macrophage"), "{ts:?}");
}

#[test]
fn a_subject_compared_in_apposition_shares_the_predicate() {
    let ts = triples(
        "We observed that zinc, similar to dietary selenium, increases the expression of IL-6.",
    );
    assert!(has(&ts, "zinc", "induces", "IL-6"), "{ts:?}");
    assert!(has(&ts, "selenium", "induces", "IL-6"), "{ts:?}");
    let ts = triples("Copper, like iron, lowers IL-8.");
    assert!(has(&ts, "copper", "decreases", "IL-8"), "{ts:?}");
    assert!(has(&ts, "iron", "decreases", "IL-8"), "{ts:?}");
}

#[test]
fn a_producer_and_a_modified_aspect_noun_inside_an_object_coordination() {
    let ts = triples(
        "Zinc lowered the production of cytokines by macrophages as well as their surface expression of IL-6, ICAM-1, and VCAM-1 molecules.",
    );
    for o in ["IL-6", "ICAM-1", "VCAM-1"] {
        assert!(has(&ts, "zinc", "suppresses", o), "{o}: {ts:?}");
    }
    assert!(!ts.iter().any(|t| t.2 == "macrophage"), "{ts:?}");
}

#[test]
fn but_not_denies_a_conjunct_named_with_its_class() {
    let ts = polar(
        "Magnesium, but not the trace element copper, lowered IL-6 secretion in these cells.",
    );
    assert!(
        ts.contains(&(
            "magnesium".into(),
            "suppresses".into(),
            "IL-6".into(),
            false
        )),
        "{ts:?}"
    );
    assert!(
        ts.contains(&("copper".into(), "suppresses".into(), "IL-6".into(), true)),
        "{ts:?}"
    );
    assert!(
        !ts.contains(&("copper".into(), "suppresses".into(), "IL-6".into(), false)),
        "{ts:?}"
    );
}

#[test]
fn conjuncts_named_with_their_aspect_nouns_before_a_passive() {
    let ts = triples("IL-8 secretion and TNF-α production were lowered by selenium.");
    assert!(has(&ts, "selenium", "suppresses", "IL-8"), "{ts:?}");
    assert!(has(&ts, "selenium", "suppresses", "TNF-α"), "{ts:?}");
}

#[test]
fn the_main_clause_after_an_opening_subordinate_clause_has_its_own_subject() {
    let ts = triples("Although copper raised IL-6, IL-8, and IL-10, selenium lowered TNF-α.");
    assert!(has(&ts, "copper", "increases", "IL-10"), "{ts:?}");
    assert!(has(&ts, "selenium", "decreases", "TNF-α"), "{ts:?}");
    assert!(!has(&ts, "copper", "decreases", "TNF-α"), "{ts:?}");
}

#[test]
fn a_floating_quantifier_between_subject_and_verb() {
    let ts = triples("Copper, iron, and manganese all activated NF-kappaB.");
    for s in ["copper", "iron", "manganese"] {
        assert!(has(&ts, s, "increases", "NF-κB"), "{s}: {ts:?}");
    }
}

#[test]
fn a_gerund_after_in_is_a_verb() {
    let ts = triples("Magnesium is effective in preventing IL-6 release.");
    assert!(has(&ts, "magnesium", "suppresses", "IL-6"), "{ts:?}");
    let ts = triples("Selenium plays a role in inducing IL-2.");
    assert!(has(&ts, "selenium", "induces", "IL-2"), "{ts:?}");
}

#[test]
fn a_repeated_by_adds_passive_agents() {
    let ts = triples("IL-8 release was induced by TNF-alpha (10 ng/ml) or by zinc (50 µM).");
    assert!(has(&ts, "TNF-α", "induces", "IL-8"), "{ts:?}");
    assert!(has(&ts, "zinc", "induces", "IL-8"), "{ts:?}");
}

#[test]
fn members_of_an_unnamed_class_in_parentheses() {
    let ts = triples(
        "Selenium lowered the expression of several inflammatory mediators (IL-6, IL-8 and TNF-alpha).",
    );
    for o in ["IL-6", "IL-8", "TNF-α"] {
        assert!(has(&ts, "selenium", "suppresses", o), "{o}: {ts:?}");
    }
    let ts = triples(
        "Several mediators (IL-6 and IL-8) were activated by exposure to a bacterial stimulus (lipopolysaccharide).",
    );
    assert!(
        has(&ts, "lipopolysaccharide", "increases", "IL-6"),
        "{ts:?}"
    );
    assert!(
        has(&ts, "lipopolysaccharide", "increases", "IL-8"),
        "{ts:?}"
    );
}

#[test]
fn a_nominal_trigger_after_a_dependent_suffix_keeps_its_agent() {
    let ts = triples("NF-kappaB-dependent induction of IL-8 gene expression by zinc.");
    assert!(has(&ts, "zinc", "induces", "IL-8"), "{ts:?}");
}

#[test]
fn a_suffix_after_a_parenthesised_inducer() {
    let ts = triples("Selenium prevented steroid (dexamethasone)-induced expression of IL-6.");
    assert!(has(&ts, "dexamethasone", "induces", "IL-6"), "{ts:?}");
}

#[test]
fn a_regulator_noun_after_an_adjective() {
    let ts = triples("Zinc is a rapid activator of IL-2 gene expression.");
    assert!(has(&ts, "zinc", "increases", "IL-2"), "{ts:?}");
}

#[test]
fn passive_agents_named_by_examples() {
    let ts = triples(
        "IL-8 release induced by several agents, including zinc and selenium, was measured.",
    );
    assert!(has(&ts, "zinc", "induces", "IL-8"), "{ts:?}");
    assert!(has(&ts, "selenium", "induces", "IL-8"), "{ts:?}");
}

#[test]
fn a_restrictive_relative_clause_keeps_the_main_subject() {
    let ts = triples("Antioxidants which scavenge ROS should lower IL-8 release.");
    assert!(
        has(&ts, "antioxidant", "decreases", "reactive oxygen species"),
        "{ts:?}"
    );
    assert!(has(&ts, "antioxidant", "suppresses", "IL-8"), "{ts:?}");
    assert!(
        !ts.iter().any(|t| t.0 == "reactive oxygen species"),
        "{ts:?}"
    );
}

#[test]
fn a_suspended_hyphen_shares_the_suffix() {
    let ts = triples("Selenium blocked both IL-1- and TNF-alpha-induced IL-8 release.");
    assert!(has(&ts, "selenium", "suppresses", "IL-8"), "{ts:?}");
    assert!(has(&ts, "IL-1", "induces", "IL-8"), "{ts:?}");
    assert!(has(&ts, "TNF-α", "induces", "IL-8"), "{ts:?}");
    assert!(!has(&ts, "selenium", "suppresses", "IL-1"), "{ts:?}");
}

#[test]
fn cells_named_by_their_treatment_are_no_object() {
    let ts = triples(
        "Zinc lowered IL-6 release in LPS-stimulated human peripheral blood mononuclear cells.",
    );
    assert!(has(&ts, "zinc", "suppresses", "IL-6"), "{ts:?}");
    assert_eq!(ts.len(), 1, "{ts:?}");
}

#[test]
fn an_elliptical_clause_denies_the_claim_for_its_subject() {
    let ts = polar("Zinc lowered IL-6 secretion, but copper did not.");
    assert!(
        ts.contains(&("zinc".into(), "suppresses".into(), "IL-6".into(), false)),
        "{ts:?}"
    );
    assert!(
        ts.contains(&("copper".into(), "suppresses".into(), "IL-6".into(), true)),
        "{ts:?}"
    );
    // Not an ellipsis: the clause goes on with its own verb.
    let ts = polar("Zinc lowered IL-6 secretion, but copper did not change IL-8.");
    assert!(
        !ts.iter().any(|t| t.0 == "copper" && t.2 == "IL-6"),
        "{ts:?}"
    );
}

#[test]
fn a_contrast_in_the_subject_of_a_passive() {
    let ts = polar("Secretion of IL-6, but not of IL-10, was inhibited by magnesium.");
    assert!(
        ts.contains(&(
            "magnesium".into(),
            "suppresses".into(),
            "IL-6".into(),
            false
        )),
        "{ts:?}"
    );
    assert!(
        ts.contains(&(
            "magnesium".into(),
            "suppresses".into(),
            "IL-10".into(),
            true
        )),
        "{ts:?}"
    );
}

#[test]
fn a_tissue_modifying_another_noun_and_a_population_are_no_objects() {
    let ts = triples(
        "Selenium lowered thyroid peroxidase antibodies in patients with Hashimoto's thyroiditis.",
    );
    assert!(ts.is_empty(), "{ts:?}");
}

#[test]
fn worsening_verbs_increase() {
    let ts = triples("Iron supplementation can worsen oxidative stress.");
    assert!(has(&ts, "iron", "increases", "oxidative stress"), "{ts:?}");
}

/// The GENIA training XML, when ../shared is there.
fn genia_xml() -> Option<std::path::PathBuf> {
    let dir = super::root().join("../shared/corpus/genia-train/xml");
    super::require(dir.is_dir(), "../shared (GENIA training corpus)").then_some(dir)
}

#[test]
fn retraining_on_the_same_data_gives_the_same_model_bytes() {
    use claimgraph::extract::reader::train;
    let Some(dir) = genia_xml() else { return };
    let mut files = train::xml_files(&dir).expect("lists the corpus");
    files.truncate(12);
    let abstracts = train::load_files(&files).expect("reads the corpus");
    let all: Vec<_> = abstracts.iter().collect();
    let mut trees =
        train::xml_files(&dir.join("../../genia-treebank/xml")).expect("lists the treebank");
    trees.truncate(12);
    let treebank = train::load_treebank(&trees).expect("reads the treebank");
    let parsed: Vec<_> = treebank.iter().collect();
    let opts = train::Options {
        tagger_epochs: 2,
        pair_epochs: 2,
        trigger_epochs: 2,
        arg_epochs: 2,
        pos_epochs: 2,
        tagger_bits: 14,
        pair_bits: 14,
        event_bits: 14,
        ..train::Options::default()
    };
    let a = train::train(&all, &parsed, opts).to_bytes();
    let b = train::train(&all, &parsed, opts).to_bytes();
    assert_eq!(a, b, "training is deterministic");
    // And the bytes read back into a reader that writes them again.
    let back = claimgraph::extract::reader::Reader::from_bytes(&a).expect("reads back");
    assert_eq!(back.to_bytes(), a);
    // A model trained on other data differs.
    let c = train::train(&all[..6], &parsed, opts).to_bytes();
    assert_ne!(a, c);
    // The treebank is training data too.
    let d = train::train(&all, &parsed[..6], opts).to_bytes();
    assert_ne!(a, d);
    assert_ne!(a, c);
}

fn provenance_field(text: &str, key: &str) -> String {
    text.lines()
        .find_map(|l| l.strip_prefix(&format!("{key} = ")))
        .unwrap_or_else(|| panic!("PROVENANCE.toml has no {key}"))
        .trim_matches('"')
        .to_string()
}

#[test]
fn the_committed_model_is_not_stale() {
    use claimgraph::extract::reader::{FEATURE_VERSION, train};
    let root = super::root();
    let prov =
        std::fs::read_to_string(root.join("graph/model/PROVENANCE.toml")).expect("provenance");
    let model = std::fs::read(root.join("graph/model/reader.bin")).expect("model");
    assert_eq!(
        provenance_field(&prov, "model_checksum"),
        format!("{:016x}", train::checksum([model.as_slice()])),
        "graph/model/reader.bin is not the model PROVENANCE.toml records"
    );
    assert_eq!(
        provenance_field(&prov, "feature_version"),
        FEATURE_VERSION.to_string(),
        "the feature code changed since the model was trained: retrain it"
    );
    claimgraph::extract::reader::Reader::from_bytes(&model).expect("the bundled model loads");
    let Some(dir) = genia_xml() else { return };
    let dev: std::collections::HashSet<String> =
        std::fs::read_dir(root.join("../shared/corpus/genia-dev"))
            .expect("dev corpus")
            .filter_map(|e| e.ok())
            .filter_map(|e| {
                e.file_name()
                    .to_string_lossy()
                    .split('.')
                    .next()
                    .map(str::to_string)
            })
            .collect();
    let mut files = train::files_without(&dir, &dev).expect("lists the corpus");
    files.extend(
        train::files_without(&dir.join("../../genia-treebank/xml"), &dev)
            .expect("lists the treebank"),
    );
    assert_eq!(
        provenance_field(&prov, "inputs_checksum"),
        format!(
            "{:016x}",
            train::inputs_checksum(&files).expect("reads the inputs")
        ),
        "the training data, word lists, kind table or vocabulary changed: retrain the model \
         (cargo run --release --bin claimgraph-train -- --out graph/model)"
    );
}

#[test]
fn the_learned_reader_finds_names_no_lexicon_lists() {
    // A gene and a protein no lexicon file lists, in the style of an abstract.
    let claims = Extractor::bundled().extract(&Document::parse(
        "t",
        "Regulation of FOXQ7 in T cells.\nWe found that the Zorbin-3 protein strongly activates FOXQ7 expression in human T cells.\n",
    ));
    let names: Vec<String> = claims
        .iter()
        .flat_map(|c| [c.subject.label.clone(), c.object.label.clone()])
        .collect();
    assert!(
        names.iter().any(|n| n.contains("FOXQ7")),
        "an unknown gene is a mention: {names:?}"
    );
    for c in &claims {
        assert!(
            c.evidence
                .sentence
                .contains(c.subject.mention.as_deref().unwrap_or(""))
        );
    }
}
