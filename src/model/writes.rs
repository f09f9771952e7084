//! Writes, as a fact rules share: database and ORM writes, object-store puts and
//! queue publishes, recognized by the call's method and receiver.

use crate::semantic::fields::Field;
use crate::semantic::{descendants, Call, Model};
use tree_sitter::Node;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WriteKind {
    Database,
    ObjectStore,
    Publish,
}

impl WriteKind {
    pub fn noun(self) -> &'static str {
        match self {
            WriteKind::Database => "database write",
            WriteKind::ObjectStore => "object-store write",
            WriteKind::Publish => "queue publish",
        }
    }
}

/// Verbs that write whatever they are called on.
const ALWAYS: &[(&str, WriteKind)] = &[
    ("commit", WriteKind::Database),
    ("bulk_create", WriteKind::Database),
    ("bulk_update", WriteKind::Database),
    ("insert_one", WriteKind::Database),
    ("insert_many", WriteKind::Database),
    ("insertOne", WriteKind::Database),
    ("insertMany", WriteKind::Database),
    ("update_one", WriteKind::Database),
    ("update_many", WriteKind::Database),
    ("updateOne", WriteKind::Database),
    ("updateMany", WriteKind::Database),
    ("delete_one", WriteKind::Database),
    ("delete_many", WriteKind::Database),
    ("deleteOne", WriteKind::Database),
    ("deleteMany", WriteKind::Database),
    ("upsert", WriteKind::Database),
    ("saveAll", WriteKind::Database),
    ("save_all", WriteKind::Database),
    // JDBC, Sql2o, Spring's JdbcTemplate.
    ("executeUpdate", WriteKind::Database),
    ("executeBatch", WriteKind::Database),
    ("batchUpdate", WriteKind::Database),
    ("put_object", WriteKind::ObjectStore),
    ("putObject", WriteKind::ObjectStore),
    ("PutObject", WriteKind::ObjectStore),
    ("upload_file", WriteKind::ObjectStore),
    ("upload_fileobj", WriteKind::ObjectStore),
    ("delete_object", WriteKind::ObjectStore),
    ("deleteObject", WriteKind::ObjectStore),
    ("DeleteObject", WriteKind::ObjectStore),
    ("removeObject", WriteKind::ObjectStore),
    ("basic_publish", WriteKind::Publish),
    // amqplib: `channel.sendToQueue(queue, content)`.
    ("sendToQueue", WriteKind::Publish),
    ("send_message", WriteKind::Publish),
    ("sendMessage", WriteKind::Publish),
    ("SendMessage", WriteKind::Publish),
    ("produce", WriteKind::Publish),
    ("xadd", WriteKind::Publish),
];

/// Verbs that write only on something that looks like a store: `dict.update`
/// and `list.insert` are not writes, `session.add` and `Order.objects.create` are.
const ON_A_STORE: &[&str] = &[
    "add",
    "save",
    "create",
    "insert",
    "update",
    "delete",
    "destroy",
    "execute",
    "exec",
    "Exec",
    "ExecContext",
    // node-postgres and mysql2: `pool.query("INSERT …")`, with its SQL.
    "query",
    "persist",
    "merge",
    "remove",
    "put",
];

/// Receiver words that mean a database, ORM, repository or store.
const STORE_WORDS: &[&str] = &[
    "session",
    "db",
    "repo",
    "repository",
    "collection",
    "table",
    "prisma",
    "model",
    "store",
    "dao",
    "cursor",
    "conn",
    "tx",
    "query",
    "manager",
    "orm",
    "entity",
    "bucket",
    "s3",
    "knex",
    "sequelize",
    "mongo",
];

/// SQL that writes, in a string argument of `execute`/`Exec`.
fn is_write_sql(text: &str) -> bool {
    let t = text.to_ascii_uppercase();
    [
        "INSERT ", "UPDATE ", "DELETE ", "UPSERT ", "MERGE ", "REPLACE ",
    ]
    .iter()
    .any(|k| t.contains(k))
}

/// A class name that can be an ORM model (`Order`, `UserProfile`): capitalized,
/// and not named for a client, factory or connection (`WorkflowStreamClient.create(…)`
/// builds a client; `Pool.create(…)` a pool).
fn is_model_class(name: &str) -> bool {
    const NOT_MODELS: &[&str] = &[
        "Client",
        "Factory",
        "Builder",
        "Pool",
        "Connection",
        "Session",
        "Stream",
        "Service",
        "Provider",
        "Handler",
        "Manager",
    ];
    name.chars().next().is_some_and(char::is_uppercase)
        && !NOT_MODELS.iter().any(|s| name.ends_with(s))
}

/// Whether a method name can be a write at all: a cheap test before resolving.
pub fn is_write_verb(method: &str) -> bool {
    ALWAYS.iter().any(|(v, _)| *v == method)
        || ON_A_STORE.contains(&method)
        || matches!(method, "publish" | "Publish")
}

/// Whether a `send`'s callee text is a producer's (`producer.send`,
/// `this.kafkaProducer.send`): a cheap test before resolving.
pub fn producer_send(callee: &str) -> bool {
    let c = callee.to_ascii_lowercase();
    c.contains("producer") || c.contains("kafka")
}

/// Whether a call writes, and what kind of write.
pub fn write_kind(m: &Model, call: &Call) -> Option<WriteKind> {
    let (receiver, method) = if call.callee.id() == call.node.id() {
        // A Java invocation is its own callee: receiver and name are fields.
        let name = call.node.field("name").or_else(|| call.node.field("type"));
        (
            call.node.field("object").map_or("", |o| m.text(o)),
            name.map_or("", |n| m.text(n)),
        )
    } else {
        let callee = m.text(call.callee);
        match callee.rsplit_once(['.', ':']) {
            Some((r, meth)) => (r.trim_end_matches(':'), meth),
            None => ("", callee),
        }
    };
    let method = method.split('(').next().unwrap_or(method).trim();
    // `send_message` is a queue's (SQS `sqs.send_message(QueueUrl=…)`, a
    // Service Bus sender's) only where the receiver or the arguments say so:
    // a chat bot's, a mail client's or a websocket's posts elsewhere.
    if matches!(method, "send_message" | "sendMessage" | "SendMessage") {
        let recv = receiver.to_ascii_lowercase();
        let queue_receiver = [
            "sqs",
            "queue",
            "sender",
            "servicebus",
            "bus",
            "producer",
            "broker",
        ]
        .iter()
        .any(|w| recv.contains(w));
        let queue_args = call.args.iter().any(|a| {
            let t = m.text(a.value);
            ["QueueUrl", "queue_url", "QueueURL", "queueUrl"]
                .iter()
                .any(|k| t.contains(k))
        }) || call
            .args
            .iter()
            .any(|a| matches!(a.name, Some("QueueUrl" | "queue_url")));
        if !(queue_receiver || queue_args) {
            return None;
        }
    }
    if let Some((_, kind)) = ALWAYS.iter().find(|(v, _)| *v == method) {
        return Some(*kind);
    }
    // A Kafka producer's send (kafkajs `producer.send({ topic, messages })`,
    // kafka-python `producer.send('orders', value)`); any other `send` (a
    // response's, a socket's, an HTTP session's) is not a publish.
    if method == "send" {
        let recv = receiver.to_ascii_lowercase();
        let last = recv
            .rsplit(['.', ':', '(', ')', '?', '!', '&', ' '])
            .find(|p| !p.is_empty())
            .unwrap_or("");
        return (last.ends_with("producer") || last == "kafka").then_some(WriteKind::Publish);
    }
    if !ON_A_STORE.contains(&method) && !matches!(method, "publish" | "Publish") {
        return None;
    }
    let recv = receiver.to_ascii_lowercase();
    let parts: Vec<&str> = recv
        .split(['.', '_', ':', '(', ')', '?', '!', '&', ' '])
        .filter(|p| !p.is_empty())
        .collect();
    // A broker publish (`channel.publish`, `producer.Publish`), not an in-memory
    // event bus (`pubsub.publish` for GraphQL subscriptions, `emitter.publish`).
    if matches!(method, "publish" | "Publish") {
        const BROKERS: &[&str] = &[
            "channel",
            "ch",
            "producer",
            "broker",
            "sns",
            "topic",
            "queue",
            "exchange",
            "nats",
            // NATS's connection, by its conventional name (`nc.Publish(subj, data)`).
            "nc",
            "kafka",
            "rabbit",
            "amqp",
            "js",
            "jetstream",
        ];
        return parts
            .iter()
            .any(|p| BROKERS.contains(p) || p.ends_with("producer") || p.ends_with("topic"))
            .then_some(WriteKind::Publish);
    }
    // Receiver words match whole (`ctx` is not `tx`); long ones also as a suffix
    // (`orderRepository`).
    // Django's manager is a whole attribute (`Order.objects`), not a word of a
    // local's name (`objects_enumerated.remove(…)` is a list).
    let store = parts.iter().any(|p| {
        STORE_WORDS.contains(p) || ["repository", "repo", "dao", "collection", "session"].iter().any(|w| p.ends_with(w))
    }) || recv.split(['.', '(', ')']).any(|s| s == "objects")
        // `Order.create(...)`, `User.destroy(...)`: an ORM model class.
        || (matches!(method, "create" | "update" | "destroy" | "upsert" | "insert" | "delete")
            && receiver.rsplit('.').next().is_some_and(is_model_class));
    if method == "save" && call.args.is_empty() && !receiver.is_empty() {
        // Django's `order.save()`.
        return Some(WriteKind::Database);
    }
    if matches!(method, "execute" | "exec" | "Exec" | "ExecContext") {
        // sqlx and friends carry the SQL in the receiver: `query("INSERT …").execute(&pool)`.
        let sql = is_write_sql(receiver) || call.args.iter().any(|a| is_write_sql(m.text(a.value)));
        let orm = call.args.iter().any(|a| {
            let t = m.text(a.value);
            t.starts_with("insert(") || t.starts_with("update(") || t.starts_with("delete(")
        });
        // The SQL of a write is evidence enough whatever the receiver's name
        // (`cur.execute("INSERT …")`).
        return (sql || (store && (orm || matches!(method, "Exec" | "ExecContext"))))
            .then_some(WriteKind::Database);
    }
    if method == "query" {
        // Only with the SQL of a write in hand: `query` also reads.
        return call
            .args
            .first()
            .is_some_and(|a| is_write_sql(m.text(a.value)))
            .then_some(WriteKind::Database);
    }
    if method == "put" {
        return (recv.contains("bucket") || recv.contains("s3") || recv.contains("storage"))
            .then_some(WriteKind::ObjectStore);
    }
    store.then_some(WriteKind::Database)
}

/// The first write in a subtree (a spawned function's or closure's body).
pub fn first_write<'t>(m: &Model<'t>, body: Node<'t>) -> Option<(Node<'t>, WriteKind)> {
    descendants(body).find_map(|d| {
        let call = m.call(d, None)?;
        write_kind(m, &call).map(|k| (d, k))
    })
}
