namespace Orchestrator.TestKit.Privileges;

/// <summary>Whether the test process may mount, unshare and attach loop devices.</summary>
public static class Privilege
{
    /// <summary>The trait name and value privileged tests carry: <c>--filter Category=Privileged</c>.</summary>
    public const string TraitName = "Category";

    /// <summary>The trait value of privileged tests.</summary>
    public const string TraitValue = "Privileged";

    /// <summary>Why a privileged test is skipped.</summary>
    public const string SkipReason =
        "requires root (CAP_SYS_ADMIN) to mount, unshare and attach loop devices; run ./test.sh as root";

    /// <summary>True when geteuid() is 0.</summary>
    public static bool IsRoot => Environment.IsPrivilegedProcess;
}
