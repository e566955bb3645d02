namespace Orchestrator.TestKit.Nydus;

/// <summary>One request the fake nydusd received: method, path, decoded mount point and raw body.</summary>
public sealed record NydusCall(string Method, string Path, string RawQuery, string? MountPoint, string Body);
