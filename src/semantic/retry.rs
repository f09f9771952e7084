//! Retry loops, as a fact rules share: a loop that calls something, handles its
//! failure and goes round again, leaving the loop on success.
//!
//! The analysis is the same in every language; what differs is which node kinds
//! are failure paths (`except`, `catch`, `if err != nil`, `Err(_) =>`), exits
//! (`raise`, `throw`, `return`, `break`) and sleeps, listed per language below.

use super::fields::Field;
use super::{descendants, named_children, Model};
use crate::lang::Lang;
use crate::semantic::KindName as _;
use tree_sitter::Node;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sleep {
    /// Goes round again at once.
    None,
    /// Always waits the same time.
    Constant,
    /// Waits a computed time (a variable: doubling delay, jitter).
    Computed,
}

#[derive(Debug, Clone, Copy)]
pub struct RetryLoop {
    /// The loop has no condition of its own (`while True`, `for {}`, `loop`).
    pub infinite: bool,
    /// A failure can end the loop: an exit on the failure path, or an attempt
    /// counter or deadline check that exits.
    pub bounded: bool,
    pub sleep: Sleep,
    /// The failure path reports the failure (a logger call, a warning, a print).
    pub reports: bool,
    /// Leaving on success hands a value to the caller (`return rates`), who
    /// therefore waits for the loop.
    pub yields_value: bool,
}

/// A call that reports: a logger's method (`logger.warning`, `log.Printf`,
/// `slog.Error`), `console.error`, a print, or a Rust `warn!`/`error!` macro.
fn is_report(m: &Model, n: Node) -> bool {
    let callee = match n.kind_name() {
        "macro_invocation" => n.field("macro"),
        k if k.contains("call") || k == "method_invocation" => {
            n.field("function").or_else(|| n.field("name"))
        }
        _ => None,
    };
    let Some(callee) = callee else { return false };
    let text = m.text(callee).to_ascii_lowercase();
    let last = text.rsplit(['.', ':']).next().unwrap_or(&text);
    text.split(['.', ':'])
        .any(|seg| seg.contains("log") && !seg.contains("catalog") && !seg.contains("login"))
        || text.starts_with("console.")
        || matches!(
            last,
            "warn"
                | "warning"
                | "error"
                | "exception"
                | "errorf"
                | "warnf"
                | "print"
                | "println"
                | "printf"
                | "eprintln"
                | "eprint"
                | "capture_exception"
                | "captureexception"
                | "report"
        )
}

struct Syntax {
    lang: Lang,
    functions: &'static [&'static str],
    exits: &'static [&'static str],
    sleeps: &'static [&'static str],
}

fn syntax(lang: Lang) -> Option<Syntax> {
    Some(match lang {
        Lang::Python => Syntax {
            lang,
            functions: &["function_definition", "lambda", "class_definition"],
            exits: &["raise_statement", "return_statement", "break_statement"],
            sleeps: &["time.sleep", "asyncio.sleep", "sleep", "gevent.sleep"],
        },
        Lang::Go => Syntax {
            lang,
            functions: &["func_literal"],
            exits: &["return_statement", "break_statement"],
            sleeps: &["time.Sleep", "time.After"],
        },
        Lang::TypeScript | Lang::Tsx | Lang::JavaScript => Syntax {
            lang,
            functions: &[
                "function_declaration",
                "function_expression",
                "arrow_function",
                "method_definition",
            ],
            exits: &["throw_statement", "return_statement", "break_statement"],
            sleeps: &[
                "sleep",
                "delay",
                "wait",
                "setTimeout",
                "timers/promises.setTimeout",
            ],
        },
        Lang::Java => Syntax {
            lang,
            functions: &["lambda_expression", "method_declaration", "class_body"],
            exits: &["throw_statement", "return_statement", "break_statement"],
            sleeps: &["Thread.sleep", "sleep"],
        },
        Lang::Kotlin => Syntax {
            lang,
            functions: &[
                "lambda_literal",
                "function_declaration",
                "anonymous_function",
            ],
            exits: &["return_expression", "throw_expression", "break"],
            sleeps: &["Thread.sleep", "delay", "sleep"],
        },
        Lang::Rust => Syntax {
            lang,
            functions: &["closure_expression", "function_item"],
            exits: &["return_expression", "break_expression"],
            sleeps: &[
                "sleep",
                "thread.sleep",
                "tokio.time.sleep",
                "std.thread.sleep",
            ],
        },
        Lang::Dart => Syntax {
            lang,
            functions: &["function_expression", "function_body"],
            exits: &[
                "throw_expression",
                "rethrow_statement",
                "return_statement",
                "break_statement",
            ],
            sleeps: &["Future.delayed", "sleep"],
        },
        _ => return None,
    })
}

/// Every node kind the retry analysis names, for the grammar test.
#[cfg(test)]
pub(crate) fn kinds(lang: Lang) -> Vec<&'static str> {
    syntax(lang).map_or_else(Vec::new, |s| [s.functions, s.exits].concat())
}

/// Whether `node` is a loop with no condition of its own.
pub fn is_infinite_loop(m: &Model, node: Node) -> bool {
    let cond = node.field("condition");
    match node.kind_name() {
        // Python `while True:`, TS/Java/Kotlin/Dart `while (true)`.
        "while_statement" => cond.is_some_and(|c| {
            let t = m
                .text(c)
                .trim_matches(|c: char| c == '(' || c == ')' || c.is_whitespace());
            matches!(t, "True" | "true" | "1")
        }),
        // Go `for {}`; TS/Java `for (;;)`.
        "for_statement" => match m.lang {
            Lang::Go => named_children(node).all(|c| c.kind_name() == "block"),
            Lang::Python => false,
            _ => cond.is_none() && m.text(node).replace(' ', "").starts_with("for(;;)"),
        },
        "loop_expression" => true,
        _ => false,
    }
}

/// The subtree of `root` without nested functions and, unless `into_loops`,
/// nested loops: what runs in this loop's own iterations.
///
/// The walk never enters what it leaves out, so nested loops cost each loop
/// its own nodes only (linear over a nest, not quadratic).
fn own_nodes<'t>(root: Node<'t>, s: &Syntax, into_loops: bool) -> Vec<Node<'t>> {
    let mut out = vec![root];
    let mut cursor = root.walk();
    let mut budget: u32 = 200_000;
    let left_out = |d: Node| {
        s.functions.contains(&d.kind_name())
            || (!into_loops && super::is_loop_kind(s.lang, d.kind_name()))
    };
    if !cursor.goto_first_child() {
        return out;
    }
    'walk: loop {
        budget = budget.saturating_sub(1);
        if budget == 0 {
            break;
        }
        let d = cursor.node();
        if !left_out(d) {
            out.push(d);
            if cursor.goto_first_child() {
                continue;
            }
        }
        while !cursor.goto_next_sibling() {
            if !cursor.goto_parent() || cursor.node() == root {
                break 'walk;
            }
        }
    }
    out
}

/// Whether a loop has a `break` of its own (not one of a nested loop or
/// function): a `while True` that breaks out ends.
pub fn breaks_out(m: &Model, node: Node) -> bool {
    own_node_of_kind(m, node, false, &["break_statement", "break_expression"])
}

/// Whether a loop's own code (nested loops included, nested functions not)
/// returns from the function it runs in: a search that ends where it finds
/// what it looks for.
pub fn returns_out(m: &Model, node: Node) -> bool {
    own_node_of_kind(m, node, true, &["return_statement", "return_expression"])
}

/// Whether a loop's own nodes (see [`own_nodes`]) hold one of `kinds`.
fn own_node_of_kind(m: &Model, node: Node, into_loops: bool, kinds: &[&str]) -> bool {
    let Some(s) = syntax(m.lang) else {
        return false;
    };
    own_nodes(node, &s, into_loops)
        .iter()
        .any(|n| kinds.contains(&n.kind_name()))
}

/// `err != nil` with an error-named operand.
fn is_err_check(m: &Model, cond: Node) -> bool {
    let t: String = m.text(cond).split_whitespace().collect();
    t.ends_with("!=nil") && {
        let var = t.trim_end_matches("!=nil");
        var == "err" || var.ends_with("err") || var.ends_with("Err")
    }
}

/// The failure paths among a loop's own nodes.
fn failure_paths<'t>(m: &Model<'t>, nodes: &[Node<'t>]) -> Vec<Node<'t>> {
    nodes
        .iter()
        .filter(|n| match n.kind_name() {
            // Dart's handler block is the catch clause's next sibling.
            "catch_clause" if m.lang == Lang::Dart => false,
            "block" if m.lang == Lang::Dart => {
                n.parent().is_some_and(|p| p.kind_name() == "try_statement")
                    && n.prev_sibling()
                        .is_some_and(|p| matches!(p.kind_name(), "catch_clause" | "type"))
            }
            "except_clause" | "catch_clause" | "catch_block" => true,
            "if_statement" if m.lang == Lang::Go => {
                n.field("condition").is_some_and(|c| is_err_check(m, c))
            }
            "match_arm" => n
                .field("pattern")
                .is_some_and(|p| is_err_pattern(m.text(p))),
            "if_expression" => n
                .field("condition")
                .is_some_and(|c| c.kind_name() == "let_condition" && m.text(c).contains("Err")),
            _ => false,
        })
        .copied()
        .collect()
}

fn inside(n: Node, outer: Node) -> bool {
    n.start_byte() >= outer.start_byte() && n.end_byte() <= outer.end_byte()
}

/// An `if` whose condition compares (`attempt >= 5`, `time.time() > deadline`)
/// or checks a context/deadline, and whose body can leave the loop.
fn is_limit_check(m: &Model, n: Node, s: &Syntax) -> bool {
    if !matches!(n.kind_name(), "if_statement" | "if_expression") {
        return false;
    }
    let Some(cond) = n.field("condition") else {
        return false;
    };
    let c = m.text(cond);
    let compares = descendants(cond)
        .any(|d| matches!(m.text(d), "<" | ">" | "<=" | ">=") && d.child_count() == 0)
        || [
            "deadline",
            "Deadline",
            "ctx.Err()",
            "ctx.Done()",
            "expired",
            "timed_out",
            "timedOut",
        ]
        .iter()
        .any(|k| c.contains(k));
    let body = n
        .field("consequence")
        .or_else(|| n.field("body"))
        .unwrap_or(n);
    compares && descendants(body).any(|d| s.exits.contains(&d.kind_name()))
}

/// A sleep argument that never changes: literals, unit constants
/// (`time.Second`, `Duration::from_secs`), `ALL_CAPS` constants.
fn is_constant_delay(m: &Model, arg: Node) -> bool {
    const UNITS: &[&str] = &[
        "time",
        "Second",
        "Millisecond",
        "Microsecond",
        "Minute",
        "Duration",
        "from_secs",
        "from_millis",
        "from_secs_f64",
        "seconds",
        "milliseconds",
        "std",
        "tokio",
        "TimeUnit",
        "SECONDS",
        "MILLISECONDS",
        "const",
    ];
    descendants(arg)
        .filter(|d| d.child_count() == 0 && d.is_named())
        .all(|d| {
            let t = m.text(d);
            let is_name = t
                .chars()
                .next()
                .is_some_and(|c| c.is_alphabetic() || c == '_');
            !is_name
                || UNITS.contains(&t)
                || t.chars()
                    .all(|c| c.is_uppercase() || c == '_' || c.is_ascii_digit())
        })
}

/// What a Go `select` case waits on: `case <-ticker.C:` → `case <-ticker.C`.
fn case_head<'t>(m: &Model<'t>, case: Node) -> &'t str {
    m.text(case).split(':').next().unwrap_or("")
}

fn sleep_of(m: &Model, nodes: &[Node], s: &Syntax) -> Sleep {
    let mut found = Sleep::None;
    for n in nodes {
        // Go: waiting on a ticker or timer in a `select` (`case <-ticker.C:`,
        // `case <-time.After(d):`) paces the loop; its interval is configuration.
        if n.kind_name() == "communication_case" {
            let head = case_head(m, *n);
            if head.contains("<-")
                && (head.trim_end().ends_with(".C")
                    || head.contains("time.After(")
                    || head.contains("time.Tick("))
            {
                return Sleep::Computed;
            }
        }
        let Some(call) = m.call(*n, None) else {
            continue;
        };
        let target = call.target.as_deref().unwrap_or("");
        let name = m.text(call.callee);
        // Known sleeps, and any helper named like one (`self._sleep`, `sleepFor`).
        let last = name
            .rsplit(['.', ':'])
            .next()
            .unwrap_or(name)
            .to_ascii_lowercase();
        let is_sleep = last.contains("sleep")
            || s.sleeps
                .iter()
                .any(|k| target == *k || name == *k || target.ends_with(&format!(".{k}")));
        if !is_sleep {
            continue;
        }
        // `setTimeout(resolve, ms)` takes the delay second.
        let arg = if name.ends_with("setTimeout") {
            call.positional(1).or(call.positional(0))
        } else {
            call.positional(0)
        };
        match arg {
            Some(a) if !is_constant_delay(m, a) => return Sleep::Computed,
            _ => found = Sleep::Constant,
        }
    }
    found
}

/// Analyzes `node` as a retry loop; `None` when it is not one (no failure path,
/// or nothing leaves the loop on success: a worker loop, not a retry).
pub fn analyze(m: &Model, node: Node) -> Option<RetryLoop> {
    let s = syntax(m.lang)?;
    if !super::is_loop_kind(s.lang, node.kind_name()) {
        return None;
    }
    let body = node.field("body").unwrap_or(node);
    let nodes = own_nodes(body, &s, false);
    let failures = failure_paths(m, &nodes);
    if failures.is_empty() {
        return None;
    }
    // A server's accept loop keeps accepting through transient errors by design.
    if m.text(body).contains("accept(") || m.text(body).contains(".Accept(") {
        return None;
    }
    // `goto` makes the paths unstructured: too little is known to judge.
    if nodes.iter().any(|n| n.kind_name() == "goto_statement") {
        return None;
    }
    // A failure that leaves the loop is handled, not retried.
    let all_failures = failures.clone();
    let failures: Vec<Node> = failures
        .into_iter()
        .filter(|f| goes_round_again(m, *f, &s))
        .collect();
    if failures.is_empty() {
        return None;
    }
    let in_failure = |n: &Node| failures.iter().any(|f| inside(*n, *f));
    let exits: Vec<Node> = nodes
        .iter()
        .filter(|n| s.exits.contains(&n.kind_name()))
        .copied()
        .collect();
    let protected = protected_regions(m, &nodes);
    let first_failure_end = failures
        .iter()
        .map(|f| f.end_byte())
        .min()
        .unwrap_or(usize::MAX);
    // Leaving on success: from the protected call's own region (try body, `else`,
    // `Ok` arm), or after the failure path has been handled (`… continue } break`).
    let success_exits: Vec<Node> = exits
        .iter()
        .filter(|e| {
            !in_failure(e)
                && !is_limit_exit(m, **e, &nodes, &s)
                && (protected.iter().any(|p| inside(**e, *p))
                    || e.start_byte() >= first_failure_end)
        })
        .copied()
        .collect();
    let success_exit = !success_exits.is_empty();
    // `return r`, `return Ok(rates)`: a caller waits for what the loop produces.
    // `break`, `return`, `return nil`, `return Ok(())`: it produces nothing.
    let yields_value = success_exits.iter().any(|e| {
        if !e.kind_name().starts_with("return") {
            return false;
        }
        let value = m
            .text(*e)
            .trim_start_matches("return")
            .trim()
            .trim_end_matches(';');
        !matches!(
            value,
            "" | "nil" | "None" | "null" | "undefined" | "Ok(())" | "()" | "true" | "false"
        )
    });
    if !success_exit
        || new_input_each_time(m, &nodes, &protected)
        || prompts(m, &nodes)
        || consumes(m, &nodes)
    {
        return None;
    }
    let infinite = is_infinite_loop(m, node);
    // A loop with a condition of its own (`for attempt in range(5)`) is bounded.
    let bounded = !infinite
        || exits
            .iter()
            .any(|e| all_failures.iter().any(|f| inside(*e, *f)))
        || exits.iter().any(|e| is_limit_exit(m, *e, &nodes, &s));
    // The sleep may sit in a callback: `await new Promise((r) => setTimeout(r, d))`.
    let all_nodes: Vec<Node> = descendants(body).collect();
    let reports = failures
        .iter()
        .any(|f| descendants(*f).take(2_000).any(|d| is_report(m, d)));
    Some(RetryLoop {
        infinite,
        bounded,
        sleep: sleep_of(m, &all_nodes, &s),
        reports,
        yields_value,
    })
}

/// The statements a failure path runs, through wrappers (`statement_list`,
/// `expression_statement`).
fn failure_statements<'t>(m: &Model<'t>, f: Node<'t>) -> Vec<Node<'t>> {
    let block = match f.kind_name() {
        "if_statement" | "if_expression" => f.field("consequence"),
        "match_arm" => f.field("value"),
        "catch_clause" if m.lang != Lang::Dart => {
            f.field("body").or_else(|| named_children(f).last())
        }
        "except_clause" | "catch_block" => named_children(f)
            .filter(|c| matches!(c.kind_name(), "block" | "statements"))
            .last(),
        _ => Some(f),
    };
    let Some(block) = block else {
        return Vec::new();
    };
    if !matches!(
        block.kind_name(),
        "block" | "statement_block" | "statements" | "statement_list"
    ) {
        return vec![block];
    }
    named_children(block)
        .flat_map(|c| {
            if c.kind_name() == "statement_list" {
                named_children(c).collect()
            } else {
                vec![c]
            }
        })
        .map(|c| {
            if c.kind_name() == "expression_statement" {
                c.named_child(0).unwrap_or(c)
            } else {
                c
            }
        })
        .collect()
}

/// Whether a failure path leads to another attempt: it `continue`s, or it
/// neither exits itself nor falls through to an exit right after it.
/// A statement that ends the process: `log.Fatal…`, `os.Exit`, `panic`,
/// `sys.exit`, `process.exit`, `std::process::exit`, `exitProcess`, `fatalError`.
fn ends_process(m: &Model, st: Node) -> bool {
    let call = if st.kind_name() == "expression_statement" {
        st.named_child(0).unwrap_or(st)
    } else {
        st
    };
    if !call.kind_name().contains("call") {
        return false;
    }
    let callee = call
        .field("function")
        .map(|f| m.text(f))
        .unwrap_or_else(|| m.text(call).split('(').next().unwrap_or(""));
    let last = callee.rsplit(['.', ':']).next().unwrap_or(callee);
    last.starts_with("Fatal")
        || matches!(
            callee,
            "os.Exit"
                | "panic"
                | "sys.exit"
                | "exit"
                | "process.exit"
                | "std::process::exit"
                | "process::exit"
                | "exitProcess"
                | "fatalError"
                | "System.exit"
        )
}

fn goes_round_again(m: &Model, f: Node, s: &Syntax) -> bool {
    let stmts = failure_statements(m, f);
    if descendants(f).any(|d| {
        matches!(
            d.kind_name(),
            "continue_statement" | "continue_expression" | "continue"
        )
    }) {
        return true;
    }
    if stmts.iter().any(|st| s.exits.contains(&st.kind_name())) {
        return false;
    }
    // `log.Fatal(err)`, `os.Exit(1)`, `sys.exit(1)`, `panic(err)`: the process
    // ends on the failure, nothing goes round again.
    if stmts.iter().any(|st| ends_process(m, *st)) {
        return false;
    }
    // `if let Err(e) = r { log } break` / `try … except: log` then `return`.
    let construct = match f.kind_name() {
        "except_clause" | "catch_clause" | "catch_block" => f.parent(),
        "match_arm" => f.parent().and_then(|b| b.parent()),
        _ => Some(f),
    };
    let mut next = construct.and_then(|c| {
        let c = if c
            .parent()
            .is_some_and(|p| p.kind_name() == "expression_statement")
        {
            c.parent()?
        } else {
            c
        };
        c.next_named_sibling()
    });
    while let Some(n) = next.filter(|n| n.kind_name().contains("comment")) {
        next = n.next_named_sibling();
    }
    let next = next.map(|n| {
        if n.kind_name() == "expression_statement" {
            n.named_child(0).unwrap_or(n)
        } else {
            n
        }
    });
    !next.is_some_and(|n| s.exits.contains(&n.kind_name()))
}

/// The retried call works on something the loop changes between attempts — set
/// before the try (`key = next_key()`) or by the failure path (`groups =
/// groups[:-1]`): iteration or adaptation, not a blind retry.
/// A loop that asks a person again: it reads standard input or a key
/// (`input()`, `fmt.Scanln`, `readline`, `getch`). Re-prompting after a bad
/// answer is not retrying a failing dependency.
/// A loop paced by what arrives is a consumer, not a retry: it receives the
/// next message (`sub.NextMsg(timeout)`, `stream.Recv()`, `consumer.poll()`), or
/// it waits in a Go `select` on a channel that delivers work (`case ev := <-events`,
/// `case <-reset`) and stays in the loop to handle it. A `select` on timers
/// (`time.After`, `timer.C`) or on a channel whose case leaves the loop (`<-ctx.Done()`
/// then `return`) is a retry's wait or its cancellation.
fn consumes(m: &Model, nodes: &[Node]) -> bool {
    const RECEIVES: &[&str] = &[
        "next",
        "nextmsg",
        "recv",
        "receive",
        "receivemessage",
        "receive_message",
        "receive_messages",
        "readmessage",
        "fetchmessage",
        "poll",
        "next_msg",
        "get_message",
    ];
    nodes.iter().any(|n| match n.kind_name() {
        "communication_case" => {
            let Some(comm) = n.field("communication") else {
                return false;
            };
            let channel = m.text(comm);
            let timer = ["time.After", "time.Tick", ".C", "Done()", "ticker", "timer"]
                .iter()
                .any(|t| channel.contains(t));
            // A case that always leaves (`case <-stop: return`) cancels the loop.
            let leaves = named_children(*n).any(|d| {
                matches!(
                    d.kind_name(),
                    "return_statement" | "break_statement" | "goto_statement"
                )
            });
            channel.contains("<-") && !timer && !leaves
        }
        k if k.contains("call") || k == "method_invocation" => {
            let callee = n
                .field("function")
                .or_else(|| n.field("name"))
                .map(|f| m.text(f))
                .unwrap_or("");
            let Some((_, last)) = callee.rsplit_once(['.', ':']) else {
                return false;
            };
            RECEIVES.iter().any(|r| r.eq_ignore_ascii_case(last))
        }
        _ => false,
    })
}

fn prompts(m: &Model, nodes: &[Node]) -> bool {
    nodes.iter().any(|n| {
        if !n.kind_name().contains("call") && n.kind_name() != "method_invocation" {
            return false;
        }
        let callee = n
            .field("function")
            .or_else(|| n.field("name"))
            .map(|f| m.text(f))
            .unwrap_or("");
        let last = callee
            .rsplit(['.', ':'])
            .next()
            .unwrap_or(callee)
            .to_ascii_lowercase();
        // Also the project's own helpers named for it (`PromptAndReadInput`).
        matches!(
            last.as_str(),
            "input" | "raw_input" | "question" | "scan" | "scanf" | "nextline"
        ) || [
            "prompt",
            "readinput",
            "readline",
            "getpass",
            "scanln",
            "getch",
            "getkey",
        ]
        .iter()
        .any(|w| last.contains(w))
            || (last == "readstring" && m.text(*n).contains("Stdin"))
    })
}

fn new_input_each_time(m: &Model, nodes: &[Node], protected: &[Node]) -> bool {
    let assigned: Vec<&str> = nodes
        .iter()
        .filter(|n| !protected.iter().any(|p| inside(**n, *p)))
        .filter_map(|n| match n.kind_name() {
            "assignment"
            | "augmented_assignment"
            | "assignment_expression"
            | "augmented_assignment_expression" => n.field("left"),
            "variable_declarator" => n.field("name"),
            _ => None,
        })
        .map(|l| {
            let t = m.text(l);
            t.split(['[', '.', ' ']).next().unwrap_or(t)
        })
        .filter(|name| !name.is_empty())
        .collect();
    if assigned.is_empty() {
        return false;
    }
    let uses_new = |n: Node| {
        descendants(n).any(|d| {
            d.kind_name() == "identifier" && assigned.contains(&m.text(d)) && !is_counter_use(m, d)
        })
    };
    protected.iter().any(|p| {
        if uses_new(*p) {
            return true;
        }
        // Work chosen by the new input: `msg = await receive()` then
        // `if msg["type"] == "startup": try: …`.
        let mut n = *p;
        for _ in 0..16 {
            let Some(parent) = n.parent() else { break };
            if matches!(
                parent.kind_name(),
                "if_statement" | "elif_clause" | "if_expression"
            ) && parent.field("condition").is_some_and(uses_new)
            {
                return true;
            }
            if nodes.iter().all(|x| x.id() != parent.id()) {
                break;
            }
            n = parent;
        }
        false
    })
}

/// A counter read only for logging or a limit inside the protected region does
/// not make each attempt different.
fn is_counter_use(m: &Model, ident: Node) -> bool {
    let name = m.text(ident).to_ascii_lowercase();
    ["attempt", "retr", "tries", "count"]
        .iter()
        .any(|w| name.contains(w))
}

/// Whether a loop body checks an attempt counter or a deadline before leaving
/// (`if page > 100: break`, `if time.monotonic() > deadline: raise`).
pub fn has_limit_check(m: &Model, node: Node) -> bool {
    let Some(s) = syntax(m.lang) else {
        return false;
    };
    let body = node.field("body").unwrap_or(node);
    let nodes = own_nodes(body, &s, false);
    nodes
        .iter()
        .any(|n| s.exits.contains(&n.kind_name()) && is_limit_exit(m, *n, &nodes, &s))
}

/// `Err(_)`, `Err(e)`, `Err(err)`: not `Err(_frame)`, which hands a value back.
fn is_err_pattern(p: &str) -> bool {
    // A guard (`Err(e) if attempt >= 5`) follows the pattern.
    let p = p.split(" if ").next().unwrap_or(p);
    let Some(inner) = p
        .trim()
        .strip_prefix("Err(")
        .and_then(|r| r.strip_suffix(')'))
    else {
        return false;
    };
    let name = inner.trim().trim_start_matches('_').to_ascii_lowercase();
    name.is_empty()
        || matches!(name.as_str(), "e" | "err" | "error" | "ex")
        || name.ends_with("err")
        || name.ends_with("error")
}

/// Where the retried call succeeds: try bodies, Python's `else:`, `Ok` arms.
fn protected_regions<'t>(m: &Model<'t>, nodes: &[Node<'t>]) -> Vec<Node<'t>> {
    nodes
        .iter()
        .filter_map(|n| match n.kind_name() {
            "try_statement" | "try_expression" => n
                .field("body")
                .or_else(|| super::named_children(*n).find(|c| c.kind_name() == "block")),
            "else_clause" if n.parent().is_some_and(|p| p.kind_name() == "try_statement") => {
                Some(*n)
            }
            "match_arm" => n
                .field("pattern")
                .filter(|p| m.text(*p).trim_start().starts_with("Ok"))
                .and(Some(*n)),
            _ => None,
        })
        .collect()
}

/// An exit that belongs to a limit check (`if attempt > 5: break`) or to
/// cancellation (`case <-ctx.Done(): return`), not to success.
fn is_limit_exit(m: &Model, exit: Node, nodes: &[Node], s: &Syntax) -> bool {
    nodes.iter().any(|n| {
        inside(exit, *n)
            && (is_limit_check(m, *n, s)
                || (n.kind_name() == "communication_case" && {
                    // `case <-ctx.Done():`, `case <-time.After(d):`, or a stop
                    // signal such as `case <-s.closer:` (a receive that binds nothing).
                    let head = case_head(m, *n);
                    head.contains("Done()")
                        || head.contains("After(")
                        || (head.contains("<-") && !head.contains('='))
                }))
    })
}
