//! faultline: finds where a codebase will break in production.

pub mod aliases;
pub mod cache;
pub mod cli;
pub mod config;
pub mod design;
pub mod diff;
pub mod discover;
pub mod dockerfile;
pub mod engine;
pub mod facts;
pub mod failure_modes;
pub mod finding;
pub mod lang;
pub mod model;
pub mod project;
pub mod report;
pub mod rules;
pub mod scan;
pub mod semantic;
pub mod source;
pub mod stack;
pub mod vocabulary;
