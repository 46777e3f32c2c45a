//! `santei` — the command-line front end.
//!
//! ```text
//! santei evaluate claim.json|-     the same JSON as evaluate()
//! santei batch claims.json|-       the same JSON as evaluateBatch()
//! santei version | rules
//! santei serve [--port 8080] [--root DIR]   serves www/ and pkg/ on 127.0.0.1
//! ```

use std::io::Read;
use std::process::ExitCode;

use santei::Santei;

#[path = "santei/serve.rs"]
mod serve;

const USAGE: &str = "usage: santei <command>\n\
  evaluate FILE|-      evaluate one claim (JSON) and print the evaluation envelope\n\
  batch FILE|-         evaluate a JSON array of claims\n\
  version              crate version, revisions and master releases\n\
  rules                the rule catalogue with citations\n\
  serve [--port 8080] [--root DIR]\n\
                       serve the page (www/) and pkg/ on http://127.0.0.1:PORT/ (root: .)\n";

fn read_input(arg: Option<&String>) -> Result<String, String> {
    match arg.map(String::as_str) {
        None => Err("missing FILE (use - for stdin)".to_string()),
        Some("-") => {
            let mut s = String::new();
            std::io::stdin()
                .read_to_string(&mut s)
                .map_err(|e| format!("cannot read stdin: {e}"))?;
            Ok(s)
        }
        Some(p) => std::fs::read_to_string(p).map_err(|e| format!("cannot read {p}: {e}")),
    }
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let engine = Santei::new();
    let out = match args.first().map(String::as_str) {
        Some("evaluate") => read_input(args.get(1)).map(|t| engine.evaluate_json(&t)),
        Some("batch") => read_input(args.get(1)).map(|t| engine.evaluate_batch_json(&t)),
        Some("version") => Ok(engine.version_json()),
        Some("rules") => Ok(santei::rules_json()),
        Some("serve") => {
            return match serve::parse_args(args.get(1..).unwrap_or_default())
                .and_then(|o| serve::run(&o))
            {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => {
                    eprintln!("santei: {e}");
                    ExitCode::from(2)
                }
            };
        }
        _ => {
            eprint!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    match out {
        Ok(json) => {
            println!("{json}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("santei: {e}");
            ExitCode::from(2)
        }
    }
}
