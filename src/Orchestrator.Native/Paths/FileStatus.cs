namespace Orchestrator.Native.Paths;

/// <summary>What statx reported about one file.</summary>
/// <param name="Type">The file type (S_IFMT).</param>
/// <param name="Permissions">The permission bits, including setuid, setgid and sticky.</param>
/// <param name="Uid">Owner.</param>
/// <param name="Gid">Group.</param>
/// <param name="Size">Size in bytes.</param>
/// <param name="Inode">Inode number.</param>
/// <param name="DeviceMajor">Major of the device holding the file (st_dev).</param>
/// <param name="DeviceMinor">Minor of the device holding the file (st_dev).</param>
/// <param name="RdevMajor">Major of the device a device node represents (st_rdev).</param>
/// <param name="RdevMinor">Minor of the device a device node represents (st_rdev).</param>
/// <param name="MountId">The mount's id as in mountinfo field 1, or null before 5.8.</param>
/// <param name="IsMountRoot">True/false when the kernel reports STATX_ATTR_MOUNT_ROOT (5.8+), null otherwise.</param>
public sealed record FileStatus(
    FileType Type,
    UnixFileMode Permissions,
    uint Uid,
    uint Gid,
    ulong Size,
    ulong Inode,
    uint DeviceMajor,
    uint DeviceMinor,
    uint RdevMajor,
    uint RdevMinor,
    long? MountId,
    bool? IsMountRoot)
{
    public bool IsDirectory => Type == FileType.Directory;

    public bool IsRegularFile => Type == FileType.RegularFile;

    public bool IsSymbolicLink => Type == FileType.SymbolicLink;

    public bool IsDevice => Type is FileType.BlockDevice or FileType.CharacterDevice;
}
