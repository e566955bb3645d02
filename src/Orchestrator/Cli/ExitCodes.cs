namespace Orchestrator.Cli;

/// <summary>What the CLI's exit code says, so scripts can tell bad input from a missing thing from a broken server.</summary>
public static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>Unusable arguments, or the server answered 400 (validation).</summary>
    public const int BadInput = 2;

    /// <summary>The server answered 404.</summary>
    public const int NotFound = 3;

    /// <summary>The server answered 409: the id exists, or the target's state does not allow it.</summary>
    public const int Conflict = 4;

    /// <summary>The server failed (5xx), or could not be reached.</summary>
    public const int ServerError = 5;

    public static int ForStatus(int status) => status switch
    {
        < 400 => Ok,
        400 or 422 => BadInput,
        404 => NotFound,
        409 => Conflict,
        _ => ServerError,
    };
}
