//! The GitHub Pages workflow and the documentation: the workflow parses and does what
//! docs/publishing.md says, and every relative link in the README and docs/ names a file.

use std::fs;
use std::path::Path;

use serde_yaml_ng::Value;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn read(rel: &str) -> String {
    fs::read_to_string(root().join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

fn steps(job: &Value) -> &Vec<Value> {
    job["steps"].as_sequence().expect("a job has steps")
}

/// The step that uses an action (`owner/name@version`), by owner/name.
fn step_using<'a>(job: &'a Value, action: &str) -> &'a Value {
    steps(job)
        .iter()
        .find(|s| {
            s["uses"]
                .as_str()
                .is_some_and(|u| u.split('@').next() == Some(action))
        })
        .unwrap_or_else(|| panic!("no step uses {action}"))
}

#[test]
fn pages_workflow_builds_for_the_pages_address_and_deploys() {
    let text = read(".github/workflows/pages.yml");
    let workflow: Value = serde_yaml_ng::from_str(&text).expect("pages.yml is valid YAML");

    let on = &workflow["on"];
    assert_eq!(on["push"]["branches"][0].as_str(), Some("main"));
    assert!(
        on.as_mapping()
            .unwrap()
            .contains_key(Value::from("workflow_dispatch"))
    );
    let permissions = &workflow["permissions"];
    assert_eq!(permissions["pages"].as_str(), Some("write"));
    assert_eq!(permissions["id-token"].as_str(), Some("write"));
    assert_eq!(permissions["contents"].as_str(), Some("read"));
    assert_eq!(workflow["concurrency"]["group"].as_str(), Some("pages"));

    let build = &workflow["jobs"]["build"];
    step_using(build, "actions/checkout");
    let configure = step_using(build, "actions/configure-pages");
    assert_eq!(configure["id"].as_str(), Some("pages"));
    let run = steps(build)
        .iter()
        .filter_map(|s| s["run"].as_str())
        .find(|r| r.contains("build"))
        .expect("a step builds the site");
    assert!(
        run.contains("cargo run --release --locked -- build")
            && run.contains(r#"--base-url "${{ steps.pages.outputs.base_url }}/""#),
        "{run}"
    );
    let upload = step_using(build, "actions/upload-pages-artifact");
    assert_eq!(upload["with"]["path"].as_str(), Some("public"));

    let deploy = &workflow["jobs"]["deploy"];
    assert_eq!(deploy["needs"].as_str(), Some("build"));
    assert_eq!(deploy["environment"]["name"].as_str(), Some("github-pages"));
    step_using(deploy, "actions/deploy-pages");

    // docs/publishing.md names the same actions at the same versions.
    let publishing = read("docs/publishing.md");
    for job in [build, deploy] {
        for uses in steps(job).iter().filter_map(|s| s["uses"].as_str()) {
            assert!(
                publishing.contains(uses),
                "docs/publishing.md does not mention {uses}"
            );
        }
    }
}

#[test]
fn relative_links_in_the_docs_name_files() {
    let mut files = vec!["README.md".to_string()];
    for entry in fs::read_dir(root().join("docs")).unwrap() {
        let name = entry.unwrap().file_name().into_string().unwrap();
        if name.ends_with(".md") {
            files.push(format!("docs/{name}"));
        }
    }
    let link = regex::Regex::new(r"\]\(([^)\s]+)\)").unwrap();
    // Links inside code (fenced blocks and `spans`) are examples, not links.
    let code = regex::Regex::new(r"(?s)```.*?```|`[^`\n]*`").unwrap();
    for file in files {
        let text = code.replace_all(&read(&file), "").into_owned();
        let dir = Path::new(&file).parent().unwrap();
        for captures in link.captures_iter(&text) {
            let target = &captures[1];
            if target.contains("://") || target.starts_with('#') || target.starts_with("mailto:") {
                continue;
            }
            let path = target.split('#').next().unwrap();
            assert!(
                root().join(dir).join(path).exists(),
                "{file}: link to {target} names no file"
            );
        }
    }
}
