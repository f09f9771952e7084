//! IDM001 nondeterministic-idempotency-key.

use crate::semantic::KindName as _;
mod cases;

use super::{Case, Cx, Diag, Docs, Meta, Rule, Scope};
use crate::finding::{Pillar, Severity};
use crate::lang::Family;
use crate::semantic::fields::Field;
use crate::semantic::Event;
use crate::semantic::{named_children, unquote};
use tree_sitter::Node;

pub struct NondeterministicIdempotencyKey;

static META: Meta = Meta {
    id: "IDM001",
    name: "nondeterministic-idempotency-key",
    pillar: Pillar::Idempotency,
    severity: Severity::High,
    scope: Scope::Any,
    langs: &[Family::Py, Family::Go, Family::Java, Family::Ts, Family::Rs, Family::Kt],
    refs: &["000", "C7"],
    title: "Idempotency key is random or time-based",
    preview: false,
    docs: Docs {
        what: "Flags a random or time-based value — `uuid.uuid4()`, `uuid.New()`, \
`UUID.randomUUID()`, `Uuid::new_v4()`, `crypto.randomUUID()`, `uuidv4()`, `nanoid()`, \
`secrets.token_hex()`, `time.time()`, `Date.now()`, `time.Now()` and the like — used, directly or \
through a variable assigned from one in the same function, as an idempotency key \
(`idempotency_key=`, an `Idempotency-Key` header, `idempotencyKey`), a deduplication ID \
(`MessageDeduplicationId`, `dedup_id`) or a workflow ID (`id=` of Temporal `start_workflow`/\
`execute_workflow`/`signal_with_start`, Go `StartWorkflowOptions{ID: …}`, Java `setWorkflowId(…)`, \
TS `workflowId:`). Not flagged: a key minted as a field of the record being created \
(`TransactionEvent(idempotency_key=str(uuid4()))`, `Refund.objects.create(idempotency_key=…)`, a Java \
entity the function constructs: `workflow = new WorkflowModel(); workflow.setWorkflowId(…)`; a script's ORM write, \
`data: { idempotencyKey: nanoid() }`, or an object that also holds the key's bookkeeping, `userProvidedIdempotencyKey: false`; \
a Go value of the project's own type, `&wallet.Operation{IdempotencyKey: key}`, unlike a client library's request input such as \
`&sqs.SendMessageInput{…}`), which stores it so every later delivery reads the same key back; a key a generic request function \
(its URL a parameter it sends to: `customFetch(url, init)`) sets on every request, which marks the send for the transport's \
retries while only its callers know the operation; a random value that only fills in for a key the caller did not \
give (`key ?? nanoid()`, `key or uuid4()`): a retry that carries its key reuses it. Not flagged in a program's one-shot entry point (Go/Rust/Kotlin `main`, Java `static main`, a script's module-level code or the function it runs, `asyncio.run(main())`, and helpers only these call): it runs once and no caller retries it. Not flagged: a workflow ID that joins the entity's own identity with the fresh part (`fmt.Sprintf(\"%s-dropflow-%s\", flowJobName, uuid.New())`, `f\"registry-sync-{repo_id}-{now}\"`), a new run of that entity's workflow started on purpose (an idempotency key so built is still flagged: repeating is its only purpose). Not flagged, in a scan of a whole repository, in code nothing reaches: a definition whose name no other file holds, or only calls from such definitions (test code does not count), as for RES001. Not flagged in a UI's own modules (a component, a \
route module with its form action such as a Remix `action`: `.tsx`, `.jsx`, `.vue`, `.svelte` files of frontend code): the \
operation starts there, with a person's click that nothing upstream retries, and the key it mints is the one every \
retry downstream carries; a frontend package's API route (`.ts`) serves requests like any handler and is flagged. An idempotency key minted once and then shared by the function's own retries (an SDK's \
automatic key before its backoff loop) is not flagged, nor is a throwaway message of a probe of the connection or \
its permissions (a function named `validate_scopes`, `testConnection`, `check_permissions`): nothing retries it, and a \
second one is as harmless as the first.",
        why: "An idempotency key exists so that a retry of the same operation is recognized as a \
duplicate. A key minted fresh on every call is different on every retry, so the provider, the \
queue or Temporal sees a new operation each time: the customer is charged twice, the message is \
delivered twice, the workflow runs twice.",
        example: "stripe.PaymentIntent.create(amount=total, currency=\"eur\", idempotency_key=str(uuid.uuid4()))",
        use_instead: "stripe.PaymentIntent.create(amount=total, currency=\"eur\", idempotency_key=f\"order-{order.id}-charge\")",
    },
};

/// Argument names and object keys that carry an idempotency or dedup key.
const KEY_NAMES: &[&str] = &[
    "idempotency_key",
    "idempotencyKey",
    "IdempotencyKey",
    "Idempotency-Key",
    "X-Idempotency-Key",
    "idempotency-key",
    "dedup_id",
    "dedupId",
    "deduplication_id",
    "deduplicationId",
    "MessageDeduplicationId",
    "message_deduplication_id",
    "workflowId",
    "workflow_id",
];

/// Temporal calls whose `id=` is the workflow ID.
const WORKFLOW_STARTS: &[&str] = &[
    "start_workflow",
    "execute_workflow",
    "signal_with_start_workflow",
    "signal_with_start",
    "start_child_workflow",
    "execute_child_workflow",
];

/// Setters that take a key as their argument (`setWorkflowId(id)`,
/// `.header("Idempotency-Key", key)`).
const KEY_SETTERS: &[&str] = &[
    "setWorkflowId",
    "setIdempotencyKey",
    "idempotencyKey",
    "idempotency_key",
    "messageDeduplicationId",
];
const HEADER_SETTERS: &[&str] = &[
    "header",
    "set",
    "Set",
    "Add",
    "setHeader",
    "append",
    "insert",
];

/// Calls that mint a random or time-based value.
const NONDETERMINISTIC: &[&str] = &[
    "uuid4(",
    "uuid1(",
    "uuid.New",
    "uuid.Must(uuid.NewRandom",
    "NewRandom(",
    "randomUUID(",
    "new_v4(",
    "now_v7(",
    "uuidv4(",
    "v4(",
    "nanoid(",
    "cuid(",
    "ulid(",
    "ulid.Make(",
    "xid.New(",
    "token_hex(",
    "token_urlsafe(",
    "token_bytes(",
    "time.time(",
    "time.time_ns(",
    "datetime.now(",
    "datetime.utcnow(",
    "time.Now(",
    "Date.now(",
    "new Date(",
    "Math.random(",
    "random.",
    "rand.",
    "currentTimeMillis(",
    "nanoTime(",
    "Instant.now(",
    "SystemTime::now(",
    "Utc::now(",
    "Local::now(",
    "shortuuid.",
    "secrets.",
];

/// Whether `text` calls one of [`NONDETERMINISTIC`] (as a whole name: `ipv4(`
/// is not `v4(`), as a function or a module's, not as a method of a value a
/// call returned: `z.string().cuid()` is a schema validating an ID.
fn mints_random(text: &str) -> Option<&'static str> {
    NONDETERMINISTIC.iter().copied().find(|p| {
        text.match_indices(p).any(|(i, _)| {
            let before = text[..i].trim_end();
            let method_of_result = before
                .strip_suffix('.')
                .is_some_and(|b| b.trim_end().ends_with(')'));
            // Temporal's workflow API (`workflow.uuid4()`, `workflow.random()`,
            // `workflow.now()`) is seeded by the workflow: the same on replay.
            let replayed = before.ends_with("workflow.") || before.ends_with("workflow.random().");
            !method_of_result
                && !replayed
                && !before
                    .chars()
                    .last()
                    .is_some_and(|c| c.is_alphanumeric() || c == '_')
        })
    })
}

impl Rule for NondeterministicIdempotencyKey {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn events(&self) -> &'static [Event] {
        &[Event::Entry, Event::Call]
    }

    fn check<'t>(&self, cx: &Cx<'_, 't>, node: Node<'t>, out: &mut Vec<Diag<'t>>) {
        let Some((sink, value)) = sink(cx, node) else {
            return;
        };
        // A program's entry point runs once, by hand or at start-up: no caller
        // retries it, so a fresh key per run deduplicates nothing it should.
        if cx.role() == crate::model::Role::EntryPoint {
            return;
        }
        // A UI's own module (a component, a route module with its form
        // action: `.tsx`, `.jsx`, `.vue`, `.svelte`) is where the operation
        // starts, with a person's click that nothing upstream retries; the key
        // it mints is the one every retry downstream carries. (A frontend
        // package's API route, `.ts`, serves requests like any handler.)
        if cx.stack == crate::finding::Stack::Frontend && ui_module(cx.path) {
            return;
        }
        // A key minted as a field of the record being created
        // (`TransactionEvent(idempotency_key=str(uuid4()))`, `Payment.objects.create(…)`)
        // is stored with it: every later delivery reads the same key back.
        if node.kind_name() == "keyword_argument" && stored_with_new_record(cx, node) {
            return;
        }
        // So is one set on an entity the function constructs
        // (`workflow = new WorkflowModel(); workflow.setWorkflowId(…)`), unlike a
        // start option's builder (`WorkflowOptions.newBuilder().setWorkflowId(…)`).
        if node.kind_name() == "method_invocation" && sets_field_of_new_record(cx, node) {
            return;
        }
        // So is a field of a Go value of the project's own type the function
        // builds (`&wallet.WalletOperation{IdempotencyKey: key}`), unlike a
        // client library's request input (`&sqs.SendMessageInput{…}`).
        if node.kind_name() == "keyed_element" && own_go_literal(cx) {
            return;
        }
        // A key stored with the record it belongs to, in a script's ORM write
        // (`data: { idempotencyKey: nanoid() }`) or beside the key's own
        // bookkeeping (`userProvidedIdempotencyKey: false`, `…ExpiresAt`): a
        // placeholder for a unique column, read back by later deliveries.
        if node.kind_name() == "pair" && stored_key_record(cx, node) {
            return;
        }
        // A random value only when the caller gave no key (`key ?? nanoid()`,
        // `key or uuid4()`): a retry that carries the key reuses it.
        if is_fallback(cx, value) {
            return;
        }
        // A conditional with one random branch (`cfg.id() != null ? cfg.id()
        // : UUID.randomUUID()`): that branch, and when it is taken.
        let one_branch = conditional_branches(value).and_then(|(c, yes, no)| {
            match (
                mints_random(cx.text(yes)).is_some(),
                mints_random(cx.text(no)).is_some(),
            ) {
                (true, false) => Some((yes, c, "holds")),
                (false, true) => Some((no, c, "does not hold")),
                _ => None,
            }
        });
        let (source, when) = match one_branch {
            Some((branch, cond, taken)) => (
                cx.snippet(branch, 50).replace('\n', " "),
                format!(
                    " whenever `{}` {taken}",
                    cx.snippet(cond, 64).replace('\n', " ")
                ),
            ),
            None => match random_source(cx, value) {
                Some(source) => (source, String::new()),
                None => return,
            },
        };
        // A generic request function (its URL a parameter it sends to) marks
        // every request it sends: the transport's retries below it resend the
        // same key, and which operation a request belongs to only its callers
        // know.
        if cx.function().is_some_and(|f| sends_to_url_parameter(cx, f)) {
            return;
        }
        // A probe of the connection or of its permissions (`validate_scopes`,
        // `testConnection`) sends a throwaway message: nothing retries it, and
        // a second one is as harmless as the first.
        if cx.function().is_some_and(|f| is_probe_name(&f.name)) {
            return;
        }
        let lower = sink.to_ascii_lowercase();
        // An idempotency key minted once before the function's own retries (an
        // SDK's `execute_with_backoff`) is shared by every attempt: that is its
        // purpose. The retries must come after the key in the same function.
        if !lower.contains("workflow") && lower != "id" {
            if let Some(f) = cx.function() {
                let after = &cx.m.src[node.end_byte().min(f.node.end_byte())..f.node.end_byte()];
                let after = after.to_ascii_lowercase();
                if after.contains("retry") || after.contains("retries") || after.contains("backoff")
                {
                    return;
                }
            }
        }
        // A workflow ID that joins the entity's own identity with a fresh part
        // (`fmt.Sprintf("%s-dropflow-%s", flowJobName, uuid.New())`,
        // `f"registry-sync-{repo_id}-{now}"`) names a new run of that entity's
        // workflow on purpose: each call is meant to start its own run (a
        // re-sync, a drop), and the entity is where its duplicates are
        // stopped. Not an idempotency key, whose only purpose is to repeat.
        let workflow = lower.contains("workflow") || lower == "id";
        if workflow && one_branch.is_none() && entity_scoped(cx, value) {
            return;
        }
        let (what, impact) = if workflow {
            (
                "workflow ID",
                "A retry of the caller starts a second workflow instead of finding the first: Temporal deduplicates by workflow ID, and a fresh ID defeats it, so the work runs twice.",
            )
        } else if lower.contains("dedup") {
            (
                "deduplication ID",
                "A retried send gets a new deduplication ID, so the queue delivers the message twice and the consumer does the work twice.",
            )
        } else {
            (
                "idempotency key",
                "A retry of this request mints a new key, so the receiver sees a brand-new operation: payments are charged twice and orders placed twice, exactly what the key was meant to prevent.",
            )
        };
        let mut d = Diag::new(
            node,
            format!("`{sink}` is set from `{source}`{when}, a value that changes on every call, so it cannot identify a retry as the same {what}."),
            impact,
            format!("Derive the {what} from the operation's identity — the order or message ID plus the step, or a request ID the client sends — so every retry carries the same one."),
        );
        // A helper only a program's entry point calls (in whichever file) runs
        // once per run, like the entry point itself.
        if let Some(f) = cx
            .function()
            .filter(|f| !f.name.starts_with('<') && !f.is_handler)
        {
            d = d.unless(crate::facts::Unless::StartupOnly(crate::facts::name_key(
                cx.m.lang, &f.name,
            )));
        }
        // Code nothing in the project reaches mints no key (a library's,
        // which other projects call, excepted).
        if cx.origin() != crate::model::Origin::Library {
            if let Some(name) = crate::model::unreferenced::candidate(cx.m, cx.path, cx.frame) {
                d = d.unless(crate::facts::Unless::Unreferenced(name));
            }
        }
        out.push(d);
    }

    fn cases(&self) -> Vec<Case> {
        cases::CASES.to_vec()
    }
}

/// The sink's name and the value given to it, if `node` sets a key.
fn sink<'t>(cx: &Cx<'_, 't>, node: Node<'t>) -> Option<(String, Node<'t>)> {
    match node.kind_name() {
        "keyword_argument" => {
            let name = cx.text(node.field("name")?);
            let value = node.field("value")?;
            if KEY_NAMES.contains(&name) {
                return Some((name.to_string(), value));
            }
            // `id=` of a Temporal start (the name first: `parent()` searches from the root).
            if name != "id" {
                return None;
            }
            let call = cx.parent?.parent()?;
            WORKFLOW_STARTS
                .contains(&cx.callee_name(call))
                .then(|| (name.to_string(), value))
        }
        "pair" => {
            let key = unquote(cx.text(node.field("key")?));
            KEY_NAMES
                .contains(&key)
                .then(|| Some((key.to_string(), node.field("value")?)))?
        }
        "keyed_element" => {
            let key = cx.text(node.named_child(0)?);
            let value = node.named_child(1)?;
            let value = value.named_child(0).unwrap_or(value);
            if KEY_NAMES.contains(&key) {
                return Some((key.to_string(), value));
            }
            // `StartWorkflowOptions{ID: …}`
            if key != "ID" {
                return None;
            }
            let literal = cx.parent?.parent()?;
            let ty = literal.field("type").map(|t| cx.text(t)).unwrap_or("");
            ty.ends_with("StartWorkflowOptions")
                .then(|| (key.to_string(), value))
        }
        _ => {
            let name = cx.callee_name(node);
            let call = if KEY_SETTERS.contains(&name) || HEADER_SETTERS.contains(&name) {
                cx.call(node)?
            } else {
                return None;
            };
            if KEY_SETTERS.contains(&name) {
                // A setter is a method of a builder or an options object
                // (`.setWorkflowId(id)`); a function called by its bare name
                // (React's `setWorkflowId` from `useState`) is the code's own.
                let callee = node.child_by_field_name("function");
                if callee.is_some_and(|c| c.kind_name() == "identifier") {
                    return None;
                }
                return Some((name.to_string(), call.positional(0)?));
            }
            let header = unquote(cx.text(call.positional(0)?));
            (KEY_NAMES.contains(&header) && call.positional_count() >= 2)
                .then(|| Some((header.to_string(), call.positional(1)?)))?
        }
    }
}

/// Whether the keyword argument belongs to the construction of a record: a
/// class instantiated by name (`TransactionEvent(…)`, `models.Payment(…)`) or a
/// Django manager's create (`Payment.objects.create(…)`). An API call
/// (`stripe.PaymentIntent.create(…)`) sends the key; it stores nothing here.
fn stored_with_new_record(cx: &Cx, argument: Node) -> bool {
    let Some(call) = argument.parent().and_then(|a| a.parent()) else {
        return false;
    };
    if call.kind_name() != "call" {
        return false;
    }
    let callee = call.field("function").map(|f| cx.text(f)).unwrap_or("");
    let last = callee.rsplit('.').next().unwrap_or(callee);
    if last.starts_with(|c: char| c.is_ascii_uppercase())
        && last.chars().any(|c| c.is_ascii_lowercase())
    {
        return true;
    }
    callee.contains(".objects.") && matches!(last, "create" | "get_or_create" | "update_or_create")
}

/// Whether a function is named for probing a connection or its permissions:
/// a check verb (`validate`, `verify`, `test`, `check`, `probe`) then what it
/// checks (`scopes`, `connection`, `credentials`, `permissions`, `access`):
/// `validate_scopes`, `testConnection`, `check_permissions`.
fn is_probe_name(name: &str) -> bool {
    // The name's words, lower-cased: snake_case and camelCase alike.
    let mut words: Vec<String> = Vec::new();
    let mut word = String::new();
    for c in name.chars() {
        if (c == '_' || c.is_ascii_uppercase()) && !word.is_empty() {
            words.push(std::mem::take(&mut word));
        }
        if c != '_' {
            word.push(c.to_ascii_lowercase());
        }
    }
    words.push(word);
    let words: Vec<&str> = words
        .iter()
        .map(String::as_str)
        .filter(|w| !w.is_empty())
        .collect();
    matches!(
        words.first(),
        Some(&("validate" | "verify" | "test" | "check" | "probe"))
    ) && words.iter().skip(1).any(|w| {
        matches!(
            *w,
            "scope"
                | "scopes"
                | "connection"
                | "connectivity"
                | "credentials"
                | "permissions"
                | "access"
                | "auth"
        )
    })
}

/// Whether the Go composite literal holding the keyed element at hand is of
/// a type of the project's own: one of the file's package (`Operation{…}`) or
/// of a package the project's modules declare (`wallet.Operation{…}`), not of
/// the standard library or another module.
/// Whether a file is a UI's own module: it renders (JSX, a single-file
/// component).
fn ui_module(path: &str) -> bool {
    [".tsx", ".jsx", ".vue", ".svelte"]
        .iter()
        .any(|e| path.ends_with(e))
}

fn own_go_literal(cx: &Cx) -> bool {
    let Some(literal) = cx.parent.and_then(|p| p.parent()) else {
        return false;
    };
    let Some(ty) = literal.field("type") else {
        return false;
    };
    match ty.kind_name() {
        "type_identifier" => true,
        "qualified_type" => {
            let Some(package) = ty.field("package") else {
                return false;
            };
            cx.m.import_target(cx.text(package))
                .is_some_and(|path| crate::facts::go_own_import(&cx.project.go_modules, path))
        }
        _ => false,
    }
}

/// Whether the function sends to a URL its caller gives: a parameter named for
/// one (`url`, `endpoint`, `requestUrl`) handed to a call in its body, as
/// `fetch(url, init)` or `http.NewRequest(method, url, body)` take it.
fn sends_to_url_parameter(cx: &Cx, f: &crate::semantic::Function) -> bool {
    let urls: Vec<&str> = f
        .params
        .iter()
        .map(|p| p.name.as_str())
        .filter(|name| {
            let lower = name.to_ascii_lowercase();
            lower.ends_with("url") || lower.ends_with("uri") || lower == "endpoint"
        })
        .collect();
    if urls.is_empty() {
        return false;
    }
    crate::semantic::descendants(f.node)
        .filter(|n| n.kind_name() == "arguments" || n.kind_name() == "argument_list")
        .any(|args| named_children(args).any(|a| urls.contains(&cx.text(a))))
}

/// Whether an object pair setting a key belongs to a stored record: the
/// object is the `data`/`create`/`update`/`values` of an ORM write, or it also
/// holds the key's own bookkeeping (another field named for the key).
fn stored_key_record(cx: &Cx, pair: Node) -> bool {
    let Some(object) = pair.parent().filter(|o| o.kind_name() == "object") else {
        return false;
    };
    let orm_write = object
        .parent()
        .filter(|p| p.kind_name() == "pair")
        .and_then(|p| p.field("key"))
        .is_some_and(|k| matches!(unquote(cx.text(k)), "data" | "create" | "update" | "values"));
    orm_write
        || named_children(object)
            .filter(|c| c.kind_name() == "pair" && c.id() != pair.id())
            .filter_map(|c| c.field("key"))
            .any(|k| {
                let key = unquote(cx.text(k)).to_ascii_lowercase();
                key.contains("idempotencykey") || key.contains("idempotency_key")
            })
}

/// A value that is random only as a fallback for a key the caller did not
/// give: `key ?? nanoid()`, `key || uuidv4()`, Python's `key or uuid4()`.
fn is_fallback(cx: &Cx, value: Node) -> bool {
    if !matches!(value.kind_name(), "binary_expression" | "boolean_operator") {
        return false;
    }
    let (Some(left), Some(operator)) = (value.field("left"), value.field("operator")) else {
        return false;
    };
    matches!(cx.text(operator), "??" | "||" | "or") && mints_random(cx.text(left)).is_none()
}

/// Whether a Java setter's receiver is a variable the function assigned a
/// `new Type(…)` (an entity it creates, not a builder).
fn sets_field_of_new_record(cx: &Cx, call: Node) -> bool {
    let Some(receiver) = call
        .child_by_field_name("object")
        .filter(|o| o.kind_name() == "identifier")
    else {
        return false;
    };
    let scope = cx.m.function_at(cx.frame);
    cx.m.binding(scope, cx.text(receiver))
        .is_some_and(|value| value.kind_name() == "object_creation_expression")
}

/// The random or time call behind `value`: in it, or in what a variable it
/// names was assigned in the same function.
/// A conditional expression's condition, and the values it gives when the
/// condition holds and when it does not: Java's, Kotlin's and the scripts'
/// `c ? a : b`, Python's `a if c else b`.
fn conditional_branches(value: Node) -> Option<(Node, Node, Node)> {
    match value.kind_name() {
        "ternary_expression" => Some((
            value.child_by_field_name("condition")?,
            value.child_by_field_name("consequence")?,
            value.child_by_field_name("alternative")?,
        )),
        "conditional_expression" => {
            let parts: Vec<Node> = named_children(value).collect();
            match parts[..] {
                [yes, cond, no] => Some((cond, yes, no)),
                _ => None,
            }
        }
        _ => None,
    }
}

/// Whether the value of a key (or the expression the name it is given
/// was assigned: `workflowID := fmt.Sprintf(…)`) composes a fresh random or
/// time part with a part naming something the code holds (`cfg.FlowJobName`,
/// `repo_id`): an interpolation, a formatting argument or an operand of a
/// `+` that is neither a literal, nor a constant's `UPPER_CASE` name, nor
/// itself random or time-based.
fn entity_scoped(cx: &Cx, value: Node) -> bool {
    let expr = if mints_random(cx.text(value)).is_some() {
        Some(value)
    } else if matches!(value.kind_name(), "identifier" | "simple_identifier") {
        cx.m.binding(cx.m.function_at(cx.frame), cx.text(value))
    } else {
        None
    };
    let Some(expr) = expr else {
        return false;
    };
    // The parts the expression joins, by a walk without recursion.
    let mut parts: Vec<Node> = Vec::new();
    let mut stack = vec![expr];
    let mut budget = 256;
    while let Some(n) = stack.pop() {
        budget -= 1;
        if budget == 0 {
            return false;
        }
        match n.kind_name() {
            // `"a" + b`, `a + "-" + b`
            "binary_expression" | "binary_operator"
                if n.child_by_field_name("operator")
                    .is_some_and(|o| cx.text(o) == "+") =>
            {
                stack.extend(named_children(n));
            }
            "parenthesized_expression" => stack.extend(named_children(n)),
            // f-strings and template literals: what they interpolate.
            "string" | "template_string" | "interpreted_string_literal" => {
                for c in named_children(n) {
                    if matches!(c.kind_name(), "interpolation" | "template_substitution") {
                        parts.extend(named_children(c).filter(|e| {
                            !matches!(e.kind_name(), "format_specifier" | "type_conversion")
                        }));
                    }
                }
            }
            // `fmt.Sprintf(format, a, b)`, `String.format(format, a, b)`,
            // `"{}-{}".format(a, b)`: the arguments.
            "call_expression" | "call" | "method_invocation" => {
                let callee = cx.callee_name(n);
                let args = n
                    .child_by_field_name("arguments")
                    .into_iter()
                    .flat_map(named_children);
                match callee {
                    "Sprintf" | "format" => parts.extend(args.filter(|a| {
                        !matches!(
                            a.kind_name(),
                            "interpreted_string_literal" | "raw_string_literal" | "string_literal"
                        )
                    })),
                    _ => parts.push(n),
                }
            }
            _ => parts.push(n),
        }
    }
    let mut fresh = false;
    let mut entity = false;
    for p in parts {
        let t = cx.text(p).trim();
        if mints_random(t).is_some() {
            fresh = true;
        } else if matches!(
            p.kind_name(),
            "identifier"
                | "simple_identifier"
                | "selector_expression"
                | "attribute"
                | "member_expression"
                | "field_access"
                | "subscript"
                | "subscript_expression"
                | "index_expression"
        ) && !t.rsplit('.').next().is_some_and(|last| {
            last.chars()
                .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_')
        }) {
            entity = true;
        }
    }
    fresh && entity
}

fn random_source(cx: &Cx, value: Node) -> Option<String> {
    if let Some(p) = mints_random(cx.text(value)) {
        return Some(cx.snippet(value, 50).replace('\n', " ")).filter(|_| !p.is_empty());
    }
    let ident = if matches!(value.kind_name(), "identifier" | "simple_identifier") {
        Some(value)
    } else {
        named_children(value).find(|c| c.kind_name() == "identifier")
    };
    let ident = ident.filter(|i| {
        value.kind_name() == "identifier"
            || cx.text(value).starts_with(cx.text(*i))
            || value.named_child_count() == 1
    })?;
    let scope = cx.m.function_at(cx.frame);
    let assigned = cx.m.binding(scope, cx.text(ident))?;
    mints_random(cx.text(assigned))
        .map(|_| format!("{} = {}", cx.text(ident), cx.snippet(assigned, 40)))
}
