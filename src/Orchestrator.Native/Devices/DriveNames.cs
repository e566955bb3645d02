using System.Globalization;

namespace Orchestrator.Native.Devices;

/// <summary>Guest-side names of hot-plugged block devices (pure).</summary>
public static class DriveNames
{
    /// <summary>DISK_NAME_LEN is 32 bytes including the NUL, so a disk name has at most 31 characters.</summary>
    public const int MaxDiskNameLength = 31;

    /// <summary>The largest SCSI index: 256 targets × 256 LUNs.</summary>
    public const int MaxScsiIndex = 65535;

    /// <summary>
    /// The virtio-blk name the guest kernel gives the drive at <paramref name="index"/>:
    /// <c>vda</c> … <c>vdz</c>, <c>vdaa</c>, … (bijective base 26, as the kernel's
    /// sd_format_disk_name and virtio_blk do).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A negative index or a name longer than 31 characters.</exception>
    public static string VirtioBlk(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        const string prefix = "vd";
        var suffix = new Stack<char>();
        var rest = (long)index;
        do
        {
            suffix.Push((char)('a' + (rest % 26)));
            rest = (rest / 26) - 1;
        }
        while (rest >= 0);

        var name = prefix + new string(suffix.ToArray());
        if (name.Length > MaxDiskNameLength)
        {
            throw new ArgumentOutOfRangeException(nameof(index), index, $"drive name {name} is longer than {MaxDiskNameLength} characters");
        }

        return name;
    }

    /// <summary>The SCSI address <c>&lt;target&gt;:&lt;lun&gt;</c> of the drive at <paramref name="index"/>: <c>index/256 : index%256</c>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An index outside 0 to 65535.</exception>
    public static string ScsiAddress(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(index, MaxScsiIndex);
        return string.Create(CultureInfo.InvariantCulture, $"{index / 256}:{index % 256}");
    }
}
