using System.Text.Json.Nodes;

namespace Orchestrator.Cli;

/// <summary>What the server answered: the status, the raw body (printed as is with --json) and the body parsed.</summary>
public sealed record ApiResponse(int Status, string Text, JsonNode? Body)
{
    public bool IsSuccess => Status is >= 200 and < 300;
}
