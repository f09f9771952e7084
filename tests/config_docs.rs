//! Configuration files as typed documents: kinds, the YAML value tree, and the
//! views config rules query (compose services, Kubernetes containers, Dockerfile stages).

use faultline::engine::{Engine, FileMeta, Options};
use faultline::model::config::{ConfigDoc, ConfigKind};

fn doc(path: &str, text: &str, helm_values: bool) -> ConfigDoc {
    let engine = Engine::new(Options::all_rules(), &[]);
    let meta = FileMeta {
        helm_values,
        ..FileMeta::for_path(path).unwrap()
    };
    let outcome = engine.check_source(&meta, text);
    assert!(outcome.errors.is_empty(), "{:?}", outcome.errors);
    outcome.config.expect("a config document")
}

#[test]
fn compose_services_with_positions() {
    let d = doc(
        "deploy/docker-compose.yml",
        "services:\n  api:\n    image: \"shop/api:1.4\"\n    restart: always\n    healthcheck:\n      test: [\"CMD\", \"curl\", \"-f\", \"http://localhost/healthz\"]\n  worker:\n    build: .\n",
        false,
    );
    assert_eq!(d.kind, ConfigKind::Compose);
    assert_eq!(d.kind.family().tag(), "compose");
    let api = &d.compose_services[0];
    assert_eq!((api.name.as_str(), api.line), ("api", 2));
    assert_eq!(api.image, Some(("shop/api:1.4".to_string(), 3)));
    assert!(api.has_healthcheck);
    assert_eq!(api.restart.as_deref(), Some("always"));
    let worker = &d.compose_services[1];
    assert_eq!(
        (
            worker.name.as_str(),
            worker.has_build,
            worker.image.is_none()
        ),
        ("worker", true, true)
    );
}

#[test]
fn kubernetes_containers_across_documents_and_workload_kinds() {
    let d = doc(
        "k8s/app.yaml",
        "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\nspec:\n  template:\n    spec:\n      containers:\n        - name: api\n          image: shop/api:1.4\n          readinessProbe:\n            httpGet: {path: /readyz, port: 8080}\n---\napiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: nightly\nspec:\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          containers:\n          - name: report\n            image: shop/report:latest\n            resources: {limits: {memory: 256Mi}}\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: api\n",
        false,
    );
    assert_eq!(d.kind, ConfigKind::Kubernetes);
    assert_eq!(d.containers.len(), 2);
    let api = &d.containers[0];
    assert_eq!(api.workload, "Deployment/api");
    assert_eq!(api.image, Some(("shop/api:1.4".to_string(), 10)));
    assert!(api.readiness && !api.liveness && !api.resources);
    let report = &d.containers[1];
    assert_eq!(report.workload, "CronJob/nightly");
    assert_eq!((report.name.as_str(), report.line), ("report", 24));
    assert!(report.resources);
}

#[test]
fn helm_values_and_templates_and_dockerfiles() {
    let values = doc("chart/values.yaml", "image:\n  tag: latest\n", true);
    assert_eq!(values.kind, ConfigKind::HelmValues);
    let template = doc(
        "chart/templates/deploy.yaml",
        "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ .Release.Name }}\n",
        false,
    );
    assert_eq!(template.kind, ConfigKind::HelmTemplate);
    let docker = doc(
        "Dockerfile",
        "ARG BASE=python:3.12-slim\nFROM ${BASE} AS build\nFROM build\n",
        false,
    );
    assert_eq!(docker.kind, ConfigKind::Dockerfile);
    assert_eq!(docker.stages[0].image, "python:3.12-slim");
    assert_eq!(docker.stages[0].line, 2);
}

#[test]
fn deeply_nested_flow_yaml_builds_without_recursion() {
    let depth = 5_000;
    let text = format!(
        "apiVersion: v1\nkind: ConfigMap\ndata: {}1{}\n",
        "[".repeat(depth),
        "]".repeat(depth)
    );
    let d = doc("k8s/deep.yaml", &text, false);
    assert_eq!(d.kind, ConfigKind::Kubernetes);
}

#[test]
fn migrations_are_documents_of_their_unique_constraints() {
    let alembic = doc(
        "alembic/versions/0001_users.py",
        "from alembic import op\nimport sqlalchemy as sa\n\ndef upgrade():\n    op.create_unique_constraint(\"uq_email\", \"users\", [\"email\"])\n    op.create_table(\"teams\", sa.Column(\"slug\", sa.String(), unique=True), sa.Column(\"name\", sa.String()))\n",
        false,
    );
    assert_eq!(alembic.kind, ConfigKind::AlembicMigration);
    assert_eq!(alembic.kind.family().tag(), "alembic");
    let cols: Vec<(Option<&str>, Vec<&str>, usize)> = alembic
        .unique
        .iter()
        .map(|u| {
            (
                u.table.as_deref(),
                u.columns.iter().map(String::as_str).collect(),
                u.line,
            )
        })
        .collect();
    assert_eq!(
        cols,
        vec![
            (Some("users"), vec!["email"], 5),
            (Some("teams"), vec!["slug"], 6)
        ]
    );

    let django = doc(
        "shop/migrations/0002_customer.py",
        "from django.db import migrations, models\n\nclass Migration(migrations.Migration):\n    operations = [\n        migrations.CreateModel(name=\"Customer\", fields=[(\"email\", models.EmailField(unique=True)), (\"note\", models.TextField())]),\n        migrations.AddConstraint(model_name=\"customer\", constraint=models.UniqueConstraint(fields=[\"shop\", \"code\"], name=\"uq\")),\n    ]\n",
        false,
    );
    assert_eq!(django.kind, ConfigKind::DjangoMigration);
    let all: Vec<Vec<&str>> = django
        .unique
        .iter()
        .map(|u| u.columns.iter().map(String::as_str).collect())
        .collect();
    assert_eq!(all, vec![vec!["email"], vec!["shop", "code"]]);
}

#[test]
fn env_examples_list_their_variables() {
    let d = ConfigDoc::env_example(
        "# the database\nDATABASE_URL=postgres://localhost/app\nexport HTTP_TIMEOUT=\"30\"  # seconds\n\nnot a var\n1BAD=x\n",
    );
    assert_eq!(d.kind, ConfigKind::EnvExample);
    let vars: Vec<(&str, &str, usize)> = d
        .env
        .iter()
        .map(|v| (v.name.as_str(), v.value.as_str(), v.line))
        .collect();
    assert_eq!(
        vars,
        vec![
            ("DATABASE_URL", "postgres://localhost/app", 2),
            ("HTTP_TIMEOUT", "30", 3)
        ]
    );
}
