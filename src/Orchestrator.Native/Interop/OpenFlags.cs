using System.Runtime.InteropServices;

namespace Orchestrator.Native.Interop;

/// <summary>
/// open(2) flags. Most are asm-generic; O_DIRECTORY and O_NOFOLLOW are among the few that
/// arm64 numbers differently from x86_64, so they are chosen per architecture.
/// </summary>
internal static class OpenFlags
{
    public const int O_RDONLY = 0;
    public const int O_WRONLY = 1;
    public const int O_RDWR = 2;
    public const int O_CREAT = 0x40;
    public const int O_EXCL = 0x80;
    public const int O_CLOEXEC = 0x80000;
    public const int O_PATH = 0x200000;

    private static readonly bool IsArm = RuntimeInformation.ProcessArchitecture is Architecture.Arm64 or Architecture.Arm;

    public static int O_DIRECTORY => IsArm ? 0x4000 : 0x10000;

    public static int O_NOFOLLOW => IsArm ? 0x8000 : 0x20000;
}
