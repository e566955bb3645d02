// The provider is part of the journal's settings in Orchestrator.Actors (JournalSettings), where
// the host and the offline tools both get it; Hosting code keeps naming it unqualified.
global using JournalProvider = Orchestrator.Actors.Persistence.Sql.JournalProvider;
