using Orchestrator.Native.MountTables;

namespace Orchestrator.Native.Tests.MountTables;

public sealed class MountInfoTests
{
    [Fact]
    public void Parse_RealHostDump_ParsesEveryLineWithFieldsInPlace()
    {
        var entries = MountInfo.Parse(Fixture.Read("mountinfo-debian12-host.txt"));

        Assert.Equal(19, entries.Count);
        var root = Assert.Single(entries, e => e.MountPoint == "/");
        Assert.Equal((27, 1, 254u, 0u), (root.MountId, root.ParentId, root.Major, root.Minor));
        Assert.Equal("/", root.Root);
        Assert.Equal(["rw", "relatime"], root.Options);
        Assert.Empty(root.OptionalFields);
        Assert.Equal("ext4", root.FsType);
        Assert.Equal("/dev/vda", root.Source);
        Assert.Contains("discard", root.SuperOptions);
    }

    [Fact]
    public void Parse_RealPropagationDump_ReadsOptionalFields()
    {
        var table = new MountTable(MountInfo.Parse(Fixture.Read("mountinfo-propagation.txt")));

        Assert.Equal(1, table.FindByMountPoint("/tmp/fx/shared")!.SharedPeerGroup);
        var slave = table.FindByMountPoint("/tmp/fx/slave")!;
        Assert.Equal((2, 1), (slave.SharedPeerGroup, slave.MasterPeerGroup));
        Assert.True(table.FindByMountPoint("/tmp/fx/unb")!.IsUnbindable);
        Assert.Empty(table.FindByMountPoint("/tmp/fx")!.OptionalFields);
    }

    [Theory]
    [InlineData("/tmp/fx/with space", "my src")]
    [InlineData("/tmp/fx/back\\slash", "bs")]
    public void Parse_EscapedCharactersInMountPointAndSource_DecodesThem(string mountPoint, string source)
    {
        var table = new MountTable(MountInfo.Parse(Fixture.Read("mountinfo-propagation.txt")));

        Assert.Equal(source, table.FindByMountPoint(mountPoint)!.Source);
    }

    [Fact]
    public void Parse_SeveralOptionalFields_KeepsThemAllInOrder()
    {
        var entries = MountInfo.Parse(Fixture.Read("mountinfo-crafted.txt"));

        var entry = entries[1];
        Assert.Equal(["shared:1", "master:2", "propagate_from:3", "unbindable"], entry.OptionalFields);
        Assert.Equal((1, 2, 3), (entry.SharedPeerGroup, entry.MasterPeerGroup, entry.PropagateFrom));
        Assert.True(entry.IsUnbindable);
        Assert.Equal("tmpfs", entry.FsType);
        Assert.True(entry.HasSuperOption("size=65536k"));
    }

    [Fact]
    public void Parse_TabNewlineAndSpaceEscapes_DecodesRootMountPointAndSource()
    {
        var entry = MountInfo.Parse(Fixture.Read("mountinfo-crafted.txt"))[2];

        Assert.Equal("/sub\tdir", entry.Root);
        Assert.Equal("/mnt/tab\tand\nnewline", entry.MountPoint);
        Assert.Equal("/dev/mapper/vg-with space", entry.Source);
        Assert.True(entry.IsReadOnly);
    }

    [Fact]
    public void Parse_NamespaceFileRootAndEmptySource_ParsesBoth()
    {
        var entries = MountInfo.Parse(Fixture.Read("mountinfo-crafted.txt"));

        Assert.Equal("net:[4026532281]", entries[3].Root);
        Assert.Equal(string.Empty, entries[4].Source);
        Assert.Equal(["rw"], entries[4].SuperOptions);
    }

    [Theory]
    [InlineData("36 35 98:0 /mnt1 /mnt2 rw,noatime master:1 ext3 /dev/root rw", "separator")]
    [InlineData("x 35 98:0 /mnt1 /mnt2 rw - ext3 /dev/root rw", "mount id")]
    [InlineData("36 y 98:0 /mnt1 /mnt2 rw - ext3 /dev/root rw", "parent id")]
    [InlineData("36 35 98 /mnt1 /mnt2 rw - ext3 /dev/root rw", "major:minor")]
    [InlineData("36 35 98:0 /mnt1 /mnt2 rw - ext3 /dev/root", "at least 10")]
    [InlineData("36 35 98:0 /mnt1 /mnt2 rw - ext3", "at least 10")]
    [InlineData("", "at least 10")]
    public void ParseTable_MalformedLine_SkipsOnlyThatLineAndNamesIt(string badLine, string problem)
    {
        var text = "22 27 0:21 / /proc rw,relatime - proc proc rw\n" + badLine + "\n23 27 0:22 / /sys rw - sysfs sysfs rw\n";

        var table = MountInfo.ParseTable(text);

        Assert.Equal(["/proc", "/sys"], table.Entries.Select(e => e.MountPoint));
        var skipped = Assert.Single(table.Skipped);
        Assert.Equal(2, skipped.LineNumber);
        Assert.Contains(problem, skipped.Problem, StringComparison.Ordinal);
        Assert.Contains("line 2", skipped.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void ParseTable_CifsSuperOptionsWithUnescapedSpaces_TakesTheRestOfTheLine()
    {
        var table = MountInfo.ParseTable(Fixture.Read("mountinfo-cifs-unescaped.txt"));

        var cifs = table.FindByMountPoint("/mnt/team share")!;
        Assert.Equal(("cifs", "//fs01.corp.example/team"), (cifs.FsType, cifs.Source));
        Assert.Contains("username=John Doe", cifs.SuperOptions);
        Assert.Contains("domain=CORP EMEA", cifs.SuperOptions);
        Assert.Equal("closetimeo=1", cifs.SuperOptions[^1]);
        Assert.True(table.IsMountPoint("/proc"));
        Assert.True(table.IsMountPoint("/dev/shm"));
    }

    [Fact]
    public void ParseTable_LineCutShort_SkippedWhileTheRestIsKept()
    {
        var table = MountInfo.ParseTable(Fixture.Read("mountinfo-cifs-unescaped.txt"));

        Assert.Equal(5, table.Entries.Count);
        Assert.Equal(6, Assert.Single(table.Skipped).LineNumber);
    }

    [Fact]
    public void Parse_NoTrailingNewline_ParsesLastLine()
    {
        var entries = MountInfo.Parse("22 27 0:21 / /proc rw - proc proc rw");

        Assert.Equal("/proc", Assert.Single(entries).MountPoint);
    }

    [Theory]
    [InlineData("22 27 0:21 / /proc rw,relatime - proc proc rw", true)]
    [InlineData("22 27 0:21 / /proc rw,relatime shared:5 - proc proc rw", true)]
    [InlineData("22 27 0:21 / /proc rw,relatime proc proc rw", false)]
    [InlineData("garbage", false)]
    public void TryParseLine_Line_ReportsWhetherItParses(string line, bool expected)
    {
        Assert.Equal(expected, MountInfo.TryParseLine(line, out var entry));
        Assert.Equal(expected, entry is not null);
    }

    [Theory]
    [InlineData(@"a\040b", "a b")]
    [InlineData(@"a\011b\012c", "a\tb\nc")]
    [InlineData(@"a\134b", "a\\b")]
    [InlineData(@"trailing\04", @"trailing\04")]
    [InlineData(@"not\08octal", @"not\08octal")]
    [InlineData(@"caf\303\251", "café")]
    public void Unescape_Field_DecodesOctalEscapesOnly(string field, string expected)
    {
        Assert.Equal(expected, MountInfo.Unescape(field));
    }
}
