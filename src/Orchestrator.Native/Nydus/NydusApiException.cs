using System.Net;

namespace Orchestrator.Native.Nydus;

/// <summary>
/// nydusd refused a request, or could not be reached. Carries the operation, the mount point and
/// what the daemon answered (<c>{"code", "message"}</c> on errors), so the caller can act on it.
/// </summary>
public sealed class NydusApiException : Exception
{
    public NydusApiException(string operation, string apiSocket, string? mountPoint, HttpStatusCode? status, string? code, string detail, Exception? inner = null)
        : base(Describe(operation, apiSocket, mountPoint, status, code, detail), inner)
    {
        Operation = operation;
        ApiSocket = apiSocket;
        MountPoint = mountPoint;
        Status = status;
        Code = code;
        Detail = detail;
    }

    /// <summary>The API call, e.g. <c>POST /api/v1/mount</c>.</summary>
    public string Operation { get; }

    public string ApiSocket { get; }

    public string? MountPoint { get; }

    /// <summary>The HTTP status nydusd answered with; null when it was never reached.</summary>
    public HttpStatusCode? Status { get; }

    /// <summary>nydusd's error <c>code</c>, when its body carried one.</summary>
    public string? Code { get; }

    public string Detail { get; }

    private static string Describe(string operation, string apiSocket, string? mountPoint, HttpStatusCode? status, string? code, string detail)
    {
        var where = mountPoint is null ? string.Empty : $" mountpoint={mountPoint}";
        var answer = status is null ? "unreachable" : $"{(int)status} {status}";
        var codePart = code is null ? string.Empty : $" code={code}";
        return $"nydusd {operation} (apisock={apiSocket}){where}: {answer}{codePart}: {detail}";
    }
}
