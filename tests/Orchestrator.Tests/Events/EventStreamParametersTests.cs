using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Primitives;
using Orchestrator.Api;

namespace Orchestrator.Tests.Events;

/// <summary><c>GET /v1/events</c>'s query and <c>Last-Event-ID</c>: what is accepted, and a named problem for the rest.</summary>
public sealed class EventStreamParametersTests
{
    [Theory]
    [InlineData("", null, 0L, null)]
    [InlineData("?after=17", null, 17L, null)]
    [InlineData("?sandbox=s1.a-b_c", null, 0L, "s1.a-b_c")]
    [InlineData("?after=17&sandbox=s1", "40", 40L, "s1")]
    [InlineData("?after=17", "", 17L, null)]
    [InlineData("", "9223372036854775807", long.MaxValue, null)]
    public void Parse_ValidRequest_PositionAndFilter(string query, string? lastEventId, long after, string? sandboxId)
    {
        var parsed = EventEndpoints.Parse(Query(query), lastEventId is null ? StringValues.Empty : new StringValues(lastEventId));

        Assert.Empty(parsed.Problems);
        Assert.Equal((after, sandboxId), (parsed.After, parsed.SandboxId));
    }

    [Theory]
    [InlineData("?after=-1", null, "after")]
    [InlineData("?after=1.5", null, "after")]
    [InlineData("?after=abc", null, "after")]
    [InlineData("?after=", null, "after")]
    [InlineData("?after=99999999999999999999", null, "after")]
    [InlineData("?after=1&after=2", null, "after")]
    [InlineData("", "x", "Last-Event-ID")]
    [InlineData("", "-3", "Last-Event-ID")]
    [InlineData("?sandbox=..", null, "sandbox")]
    [InlineData("?sandbox=a/b", null, "sandbox")]
    [InlineData("?sandbox=", null, "sandbox")]
    [InlineData("?sandbox=a&sandbox=b", null, "sandbox")]
    [InlineData("?sandboxId=s1", null, "sandboxId")]
    [InlineData("?from=3", null, "from")]
    public void Parse_BadRequest_ProblemNamesTheField(string query, string? lastEventId, string field)
    {
        var parsed = EventEndpoints.Parse(Query(query), lastEventId is null ? StringValues.Empty : new StringValues(lastEventId));

        Assert.Contains(parsed.Problems, p => p.Field == field);
    }

    [Fact]
    public void Parse_TwoLastEventIds_Refused()
    {
        var parsed = EventEndpoints.Parse(Query(string.Empty), new StringValues(["1", "2"]));

        Assert.Equal("Last-Event-ID", Assert.Single(parsed.Problems).Field);
    }

    private static QueryCollection Query(string query) => new(QueryHelpers.ParseQuery(query));
}
