using System.Globalization;

namespace Orchestrator.EndToEnd.Support;

/// <summary>
/// A group made for one test with groupadd and a user in it (as a supplementary group, as a VM manager's
/// user would be) with useradd; both deleted on dispose, also when the test failed.
/// </summary>
public sealed class TemporaryGroup : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private TemporaryGroup(string name, uint gid, string member, uint memberUid)
    {
        Name = name;
        Gid = gid;
        Member = member;
        MemberUid = memberUid;
    }

    public string Name { get; }

    public uint Gid { get; }

    public string Member { get; }

    public uint MemberUid { get; }

    public static TemporaryGroup Create()
    {
        var suffix = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(4)).ToLowerInvariant();
        var name = "orchg" + suffix;
        var member = "orchu" + suffix;
        Check(Programs.Run("groupadd", [name], Timeout), "groupadd");
        try
        {
            // Primary group nogroup: the test group must work as a supplementary group.
            Check(Programs.Run("useradd", ["--no-create-home", "--no-user-group", "--gid", "65534", "--groups", name, "--shell", "/usr/sbin/nologin", member], Timeout), "useradd");
            var gid = Orchestrator.Native.Accounts.Groups.FindGroupId(name) ?? throw new InvalidOperationException($"groupadd made no group {name}");
            var uid = Programs.Run("id", ["-u", member], Timeout);
            Check(uid, "id");
            return new TemporaryGroup(name, gid, member, uint.Parse(uid.Output.Trim(), CultureInfo.InvariantCulture));
        }
        catch (Exception)
        {
            Programs.Run("userdel", [member], Timeout);
            Programs.Run("groupdel", [name], Timeout);
            throw;
        }
    }

    public void Dispose()
    {
        var user = Programs.Run("userdel", [Member], Timeout);
        var group = Programs.Run("groupdel", [Name], Timeout);
        Check(user, "userdel");
        Check(group, "groupdel");
    }

    private static void Check((int ExitCode, string Output) result, string program)
    {
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} exited {result.ExitCode}: {result.Output}");
        }
    }
}
