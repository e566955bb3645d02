using Orchestrator.Api;

namespace Orchestrator.Tests.Validation;

public sealed class RequestTargetTests
{
    [Theory]
    [InlineData("/v1/sandboxes/x/containers/%2e%2e")]
    [InlineData("/v1/sandboxes/x/containers/%2E%2E")]
    [InlineData("/v1/sandboxes/x/containers/.%2e")]
    [InlineData("/v1/sandboxes/x/containers/..")]
    [InlineData("/v1/sandboxes/x/./containers")]
    [InlineData("/v1/sandboxes/x/containers/%2e")]
    [InlineData("/v1/sandboxes/x%2fcontainers")]
    [InlineData("/v1/sandboxes/x%2Fy")]
    [InlineData("/v1/sandboxes/x%5cy")]
    [InlineData("/v1/sandboxes/x\\y")]
    public void Problem_DotSegmentsOrEncodedSlashes_Refused(string target) => Assert.NotNull(RequestTarget.Problem(target));

    [Theory]
    [InlineData("/v1/sandboxes/x/containers/c.1")]
    [InlineData("/v1/sandboxes/x/containers/c1/paths?containerPath=/a/../b")]
    [InlineData("/v1/sandboxes/...")]
    [InlineData("/v1/health")]
    [InlineData("")]
    public void Problem_OrdinaryTargets_Accepted(string target) => Assert.Null(RequestTarget.Problem(target));
}
