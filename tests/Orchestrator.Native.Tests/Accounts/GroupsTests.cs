using Orchestrator.Native.Accounts;

namespace Orchestrator.Native.Tests.Accounts;

public sealed class GroupsTests
{
    [Fact]
    public void FindGroupId_Root_Zero() => Assert.Equal(0u, Groups.FindGroupId("root"));

    [Fact]
    public void FindGroupId_NoSuchGroup_Null() => Assert.Null(Groups.FindGroupId("orchestrator-no-such-group"));

    [Fact]
    public void FindGroupId_AgreesWithEtcGroup()
    {
        // Every group in /etc/group is found with its gid (the files backend of NSS reads the same file).
        var entries = File.ReadAllLines("/etc/group").Select(l => l.Split(':')).Where(f => f.Length >= 3).Take(20).ToList();

        Assert.NotEmpty(entries);
        Assert.All(entries, f => Assert.Equal(uint.Parse(f[2], System.Globalization.CultureInfo.InvariantCulture), Groups.FindGroupId(f[0])));
    }
}
