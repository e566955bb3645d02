namespace Orchestrator.Drills;

/// <summary>Where a request the drill made stands, as far as the drill could tell before the crash.</summary>
internal enum Expected
{
    /// <summary>Sent; no answer came back (the server died): it may or may not have happened.</summary>
    CreateInFlight,

    /// <summary>Answered with success: it must survive the crash.</summary>
    Acknowledged,

    /// <summary>A delete was sent and no answer came back.</summary>
    DeleteInFlight,

    /// <summary>A delete was answered: it must stay gone.</summary>
    Deleted,
}
