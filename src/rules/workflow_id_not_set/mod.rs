//! IDM002 workflow-id-not-set.

use super::{Case, Cx, Diag, Docs, Meta, Rule, Scope};
use crate::finding::{Pillar, Severity};
use crate::lang::{Family, Lang};
use crate::semantic::fields::Field;
use crate::semantic::Event;
use crate::semantic::KindName as _;
use tree_sitter::Node;

pub struct WorkflowIdNotSet;

static META: Meta = Meta {
    id: "IDM002",
    name: "workflow-id-not-set",
    pillar: Pillar::Idempotency,
    severity: Severity::Medium,
    scope: Scope::Backend,
    langs: &[Family::Go, Family::Java],
    refs: &["000"],
    title: "Workflow is started without a workflow ID",
    preview: true,
    docs: Docs {
        what: "Flags Temporal starts whose options carry no workflow ID, so the server generates \
a random one: Go `client.StartWorkflowOptions{…}` without `ID` (and no `opts.ID = …` later), Java \
`WorkflowOptions.newBuilder()…build()` without `setWorkflowId(…)`. Not flagged in a one-shot starter (a program's `main` and the helpers only it calls): run by hand, it is not repeated by a retrying caller.",
        why: "Temporal refuses to start a second workflow with the ID of a running one: that is \
how a retried start, a redelivered message or a double-clicked button stays a single workflow. \
Without an ID each start gets a fresh random one, and every retry of the caller runs the whole \
workflow again.",
        example: "opts := client.StartWorkflowOptions{TaskQueue: \"orders\"}\nc.ExecuteWorkflow(ctx, opts, Fulfil, order)",
        use_instead: "opts := client.StartWorkflowOptions{ID: \"fulfil-\" + order.ID, TaskQueue: \"orders\"}\nc.ExecuteWorkflow(ctx, opts, Fulfil, order)",
    },
};

impl Rule for WorkflowIdNotSet {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn events(&self) -> &'static [Event] {
        &[Event::New, Event::Call]
    }

    fn check<'t>(&self, cx: &Cx<'_, 't>, node: Node<'t>, out: &mut Vec<Diag<'t>>) {
        // A one-shot starter (`main`) is not repeated by a retrying caller.
        if cx.role() == crate::model::Role::EntryPoint {
            return;
        }
        // Go sets the options in a literal, Java through a builder call.
        let expected = match cx.m.lang {
            Lang::Go => Event::New,
            _ => Event::Call,
        };
        if cx.event != expected {
            return;
        }
        let issue = match cx.m.lang {
            Lang::Go => {
                let Some(ty) = node.field("type") else {
                    return;
                };
                if !cx.text(ty).ends_with("StartWorkflowOptions") {
                    return;
                }
                let keys: Vec<&str> = cx.literal_keys(node);
                if keys.contains(&"ID") || cx.field_assigned_later(node, "ID") {
                    return;
                }
                format!("`{}{{…}}` has no `ID`: Temporal generates a random workflow ID for every start.", cx.text(ty))
            }
            _ => {
                if cx.callee_name(node) != "build" {
                    return;
                }
                let Some(call) = cx.call(node) else { return };
                let target = call.target.unwrap_or_default();
                let builder = target.starts_with("WorkflowOptions.newBuilder(")
                    || target.starts_with("io.temporal.client.WorkflowOptions.newBuilder(");
                if !builder || target.contains(".setWorkflowId()") {
                    return;
                }
                "This `WorkflowOptions.newBuilder()…build()` chain never calls `setWorkflowId(…)`: Temporal generates a random workflow ID for every start.".to_string()
            }
        };
        let at = node
            .parent()
            .filter(|p| p.kind_name() == "unary_expression")
            .unwrap_or(node);
        out.push(Diag::new(
            at,
            issue,
            "A retried start, a redelivered message or a double submit starts the whole workflow again instead of finding the running one: duplicate shipments, duplicate charges.",
            "Set the workflow ID from the business key (`\"fulfil-\" + order.ID`) so Temporal rejects duplicates.",
        ));
    }

    fn cases(&self) -> Vec<Case> {
        vec![
            Case::new(
                "svc/start.go",
                r#"
package svc

import "go.temporal.io/sdk/client"

func Start(c client.Client, o Order) {
	opts := client.StartWorkflowOptions{TaskQueue: "orders"}  // expect: IDM002
	c.ExecuteWorkflow(ctx, opts, Fulfil, o)
	c.ExecuteWorkflow(ctx, client.StartWorkflowOptions{  // expect: IDM002
		TaskQueue: "orders",
	}, Fulfil, o)
}
"#,
            ),
            Case::new(
                "svc/ok.go",
                r#"
package svc

import "go.temporal.io/sdk/client"

func Start(c client.Client, o Order) {
	opts := client.StartWorkflowOptions{ID: "fulfil-" + o.ID, TaskQueue: "orders"}
	later := client.StartWorkflowOptions{TaskQueue: "orders"}
	later.ID = "fulfil-" + o.ID
	c.ExecuteWorkflow(ctx, opts, Fulfil, o)
}
"#,
            ),
            Case::new(
                "src/main/java/app/Start.java",
                r#"
package app;

import io.temporal.client.WorkflowOptions;

class Start {
  void start(Order o) {
    WorkflowOptions opts = WorkflowOptions.newBuilder()  // expect: IDM002
        .setTaskQueue("orders")
        .build();
  }
}
"#,
            ),
            Case::new(
                "src/main/java/app/Ok.java",
                r#"
package app;

import io.temporal.client.WorkflowOptions;

class Ok {
  void start(Order o) {
    WorkflowOptions opts = WorkflowOptions.newBuilder().setWorkflowId("fulfil-" + o.id()).setTaskQueue("orders").build();
    ChildWorkflowOptions child = ChildWorkflowOptions.newBuilder().setTaskQueue("orders").build();
  }
}
"#,
            ),
        ]
    }
}
