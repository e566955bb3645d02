namespace Orchestrator.Native.Interop;

/// <summary>Loop device ioctls and flags (include/uapi/linux/loop.h).</summary>
internal static class LoopIoctls
{
    public const nuint LOOP_SET_FD = 0x4C00;
    public const nuint LOOP_CLR_FD = 0x4C01;
    public const nuint LOOP_SET_STATUS64 = 0x4C04;
    public const nuint LOOP_GET_STATUS64 = 0x4C05;

    /// <summary>Binds the backing file and sets status in one step, without a window where the device is half set up; since 5.8.</summary>
    public const nuint LOOP_CONFIGURE = 0x4C0A;

    /// <summary>On /dev/loop-control: the number of a free device, allocating one when none is free.</summary>
    public const nuint LOOP_CTL_GET_FREE = 0x4C82;

    public const uint LO_FLAGS_READ_ONLY = 1;

    /// <summary>Detach when the last opener closes the device.</summary>
    public const uint LO_FLAGS_AUTOCLEAR = 4;

    /// <summary>LO_NAME_SIZE: lo_file_name holds 63 bytes and a NUL.</summary>
    public const int LO_NAME_SIZE = 64;
}
