//! What the code says about the system, read from syntax rather than text: the
//! routes a service serves, the signals it handles, the callbacks it registers
//! with a broker, the settings it configures. Rules and project facts query this
//! layer; nothing here is decided by a substring of the file, so a comment
//! (`// TODO: handle SIGTERM`) or a client call (`fetch('http://x/health')`) never
//! counts as the thing it mentions.

pub mod clients;
pub mod config;
pub mod coverage;
pub mod crossings;
pub mod facts;
pub mod guards;
pub mod interaction;
pub mod migrations;
pub mod roles;
pub mod unreferenced;
pub mod writes;

pub use facts::{ConsumerRegistration, Route, SignalHandler};
pub use roles::{Origin, Role};
