using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Orchestrator.Native.HostPaths;

/// <summary>
/// Reads direct-assigned volumes: a CSI driver writes <c>mountInfo.json</c> under a directory named
/// by the URL-safe base64 of the volume path, as Kata's <c>kata-ctl direct-volume add</c> does.
/// </summary>
public static class DirectVolume
{
    /// <summary>Where Kata keeps direct-volume records.</summary>
    public const string DefaultVolumesRoot = "/run/kata-containers/shared/direct-volumes";

    /// <summary>The file name inside a volume's directory.</summary>
    public const string MountInfoFileName = "mountInfo.json";

    /// <summary>Metadata key of the fsGroup.</summary>
    public const string FsGroupKey = "fsGroup";

    /// <summary>Metadata key of the fsGroupChangePolicy.</summary>
    public const string FsGroupChangePolicyKey = "fsGroupChangePolicy";

    /// <summary>The path of the mountInfo.json recorded for <paramref name="volumePath"/> (pure).</summary>
    public static string MountInfoPath(string volumePath, string volumesRoot = DefaultVolumesRoot)
    {
        ArgumentException.ThrowIfNullOrEmpty(volumePath);
        ArgumentException.ThrowIfNullOrEmpty(volumesRoot);

        // Go's base64.URLEncoding: URL alphabet, with padding.
        var encoded = Convert.ToBase64String(Encoding.UTF8.GetBytes(volumePath)).Replace('+', '-').Replace('/', '_');
        return Path.Combine(volumesRoot, encoded, MountInfoFileName);
    }

    /// <summary>Reads and validates the mountInfo.json recorded for <paramref name="volumePath"/>.</summary>
    /// <exception cref="DirectVolumeFormatException">Bad JSON, a missing field or a bad fsGroup/policy.</exception>
    public static DirectVolumeInfo Load(string volumePath, string volumesRoot = DefaultVolumesRoot)
    {
        var file = MountInfoPath(volumePath, volumesRoot);
        return Parse(File.ReadAllText(file), file);
    }

    /// <summary>Parses and validates mountInfo.json text (pure).</summary>
    public static DirectVolumeInfo Parse(string json, string source = "mountInfo.json")
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException invalid)
        {
            throw new DirectVolumeFormatException(source, "not valid JSON: " + invalid.Message, invalid);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new DirectVolumeFormatException(source, "expected a JSON object");
            }

            var metadata = ReadMetadata(root, source);
            return new DirectVolumeInfo(
                VolumeType: RequiredString(root, source, "volume-type", "volumeType"),
                Device: RequiredString(root, source, "device"),
                FsType: RequiredString(root, source, "fstype"),
                Metadata: metadata,
                Options: ReadOptions(root, source),
                FsGroup: ParseFsGroup(metadata, source),
                FsGroupChangePolicy: ParsePolicy(metadata, source));
        }
    }

    private static uint? ParseFsGroup(IReadOnlyDictionary<string, string> metadata, string source)
    {
        if (!metadata.TryGetValue(FsGroupKey, out var text))
        {
            return null;
        }

        return uint.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var gid)
            ? gid
            : throw new DirectVolumeFormatException(source, $"metadata.{FsGroupKey} '{text}' is not a group id (0 to {uint.MaxValue})");
    }

    private static FsGroupChangePolicy? ParsePolicy(IReadOnlyDictionary<string, string> metadata, string source)
    {
        if (!metadata.TryGetValue(FsGroupChangePolicyKey, out var text))
        {
            return null;
        }

        return text switch
        {
            "Always" => FsGroupChangePolicy.Always,
            "OnRootMismatch" => FsGroupChangePolicy.OnRootMismatch,
            _ => throw new DirectVolumeFormatException(
                source, $"metadata.{FsGroupChangePolicyKey} '{text}' must be 'Always' or 'OnRootMismatch'"),
        };
    }

    private static string RequiredString(JsonElement root, string source, params string[] names)
    {
        foreach (var name in names)
        {
            if (root.TryGetProperty(name, out var value))
            {
                return value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text
                    ? text
                    : throw new DirectVolumeFormatException(source, $"'{name}' must be a non-empty string");
            }
        }

        throw new DirectVolumeFormatException(source, $"missing '{names[0]}'");
    }

    private static Dictionary<string, string> ReadMetadata(JsonElement root, string source)
    {
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!root.TryGetProperty("metadata", out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return metadata;
        }

        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new DirectVolumeFormatException(source, "'metadata' must be an object of strings");
        }

        foreach (var property in element.EnumerateObject())
        {
            metadata[property.Name] = property.Value.ValueKind == JsonValueKind.String
                ? property.Value.GetString()!
                : throw new DirectVolumeFormatException(source, $"metadata.{property.Name} must be a string");
        }

        return metadata;
    }

    private static string[] ReadOptions(JsonElement root, string source)
    {
        if (!root.TryGetProperty("options", out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return [];
        }

        if (element.ValueKind != JsonValueKind.Array)
        {
            throw new DirectVolumeFormatException(source, "'options' must be an array of strings");
        }

        return element.EnumerateArray()
            .Select(o => o.ValueKind == JsonValueKind.String
                ? o.GetString()!
                : throw new DirectVolumeFormatException(source, "'options' must be an array of strings"))
            .ToArray();
    }
}
