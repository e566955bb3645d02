using Orchestrator.Hosting;

namespace Orchestrator.Tests.Hosting;

public sealed class MountNamespaceReportTests
{
    private const string Host = "mnt:[4026531841]";
    private const string Other = "mnt:[4026532300]";
    private const string Unshared = "mnt:[4026532400]";

    [Theory]
    [InlineData(Host, Host, Host, "mnt:[4026531841] (the host's)")]
    [InlineData(Unshared, Host, Host, "mnt:[4026532400] (private: unshared at start)")]
    [InlineData(Unshared, Other, Host, "mnt:[4026532400] (private: unshared at start)")]
    [InlineData(Other, Other, Host, "mnt:[4026532300] (not PID 1's: started inside another namespace)")]
    public void Describe_NativeThreadAgainstProcessAndPid1(string native, string process, string pid1, string expected) =>
        Assert.Equal(expected, MountNamespaceReport.Describe(native, process, pid1, null));

    [Fact]
    public void Describe_Pid1Unreadable_SaysSoWithTheReason() =>
        Assert.Equal(
            "mnt:[4026531841] (whether it is PID 1's is unknown: readlink path=/proc/1/ns/mnt: EACCES (Permission denied))",
            MountNamespaceReport.Describe(Host, Host, null, "readlink path=/proc/1/ns/mnt: EACCES (Permission denied)"));
}
