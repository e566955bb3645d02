using Akka.Actor;
using Akka.TestKit;
using Orchestrator.Actors.Native;
using Xunit.Sdk;

namespace Orchestrator.Tests.Support;

/// <summary>
/// A <see cref="TestProbe"/> standing in for the native-call actor: each <see cref="NativeCall"/>
/// the actors send is taken from its queue, unwrapped, and answered with a
/// <see cref="NativeCallReply"/> carrying the call's id: either with what the test says or with
/// what a healthy host would answer (<see cref="ScriptedStepHost.Healthy"/>). Every request taken
/// is kept in <see cref="Requests"/>, in arrival order.
/// </summary>
internal sealed class NativeProbe(TestProbe probe)
{
    private static readonly TimeSpan Idle = TimeSpan.FromMilliseconds(20);
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(5);

    // The manager's start-up hint to read the mount table early needs no answer, and no test scripts it.
    private readonly bool _ignoresPreparation = IgnorePreparation(probe);

    private (IActorRef Caller, long Id)? _last;

    public IActorRef Ref => probe.Ref;

    public TestProbe Probe => probe;

    public List<INativeRequest> Requests { get; } = [];

    /// <summary>Takes the next request, which must be a <typeparamref name="T"/>, and leaves it unanswered.</summary>
    public T Hold<T>()
        where T : INativeRequest
    {
        var request = Take(probe.ExpectMsg<NativeCall>(Patience));
        return request is T typed ? typed : throw new XunitException($"expected a {typeof(T).Name}, the actor asked {request}");
    }

    /// <summary>Answers the request taken last.</summary>
    public void Reply(INativeReply reply) => ReplyLater()(reply);

    /// <summary>The answer to the request taken last, to give once other requests have been answered.</summary>
    public Action<INativeReply> ReplyLater()
    {
        var (caller, id) = _last ?? throw new InvalidOperationException("no request was taken");
        return reply => caller.Tell(new NativeCallReply(id, reply), probe.Ref);
    }

    /// <summary>Takes the next request, which must be a <typeparamref name="T"/>, and answers it (healthy unless told otherwise).</summary>
    public T Answer<T>(Func<T, INativeReply>? reply = null)
        where T : INativeRequest
    {
        var request = Hold<T>();
        Reply(reply is null ? ScriptedStepHost.Healthy(request) : reply(request));
        return request;
    }

    /// <summary>
    /// Answers every request (with <paramref name="script"/>'s answer, or a healthy one where it
    /// gives null) until a request matches <paramref name="until"/>; that one is returned unanswered.
    /// </summary>
    public INativeRequest AnswerUntil(Predicate<INativeRequest> until, Func<INativeRequest, INativeReply?>? script = null)
    {
        while (true)
        {
            var request = Take(probe.ExpectMsg<NativeCall>(Patience));
            if (until(request))
            {
                return request;
            }

            Reply(script?.Invoke(request) ?? ScriptedStepHost.Healthy(request));
        }
    }

    /// <summary>Answers the next <paramref name="count"/> requests, whatever they are (healthy unless <paramref name="script"/> says otherwise).</summary>
    public IReadOnlyList<INativeRequest> AnswerN(int count, Func<INativeRequest, INativeReply?>? script = null)
    {
        var answered = new List<INativeRequest>();
        for (var i = 0; i < count; i++)
        {
            var request = Take(probe.ExpectMsg<NativeCall>(Patience));
            answered.Add(request);
            Reply(script?.Invoke(request) ?? ScriptedStepHost.Healthy(request));
        }

        return answered;
    }

    /// <summary>
    /// Answers requests until the caller has its reply: once <paramref name="caller"/> holds a
    /// message and no request is waiting, the exchange is over. Returns the requests answered.
    /// </summary>
    public IReadOnlyList<INativeRequest> ServeUntilReplied(TestKitBase caller, Func<INativeRequest, INativeReply?>? script = null, TimeSpan? max = null)
    {
        var served = new List<INativeRequest>();
        var deadline = DateTime.UtcNow + (max ?? TimeSpan.FromSeconds(10));
        while (DateTime.UtcNow < deadline)
        {
            if (probe.ReceiveOne(Idle) is { } message)
            {
                var request = Take(message as NativeCall ?? throw new XunitException($"the native probe received {message}, which is no native call"));
                served.Add(request);
                Reply(script?.Invoke(request) ?? ScriptedStepHost.Healthy(request));
            }
            else if (caller.HasMessages)
            {
                return served;
            }
        }

        throw new XunitException($"no reply within {max ?? TimeSpan.FromSeconds(10)}; requests served: {string.Join(", ", served)}");
    }

    /// <summary>No request may arrive for <paramref name="duration"/>.</summary>
    public void ExpectNoRequest(TimeSpan duration) => probe.ExpectNoMsg(duration);

    private static bool IgnorePreparation(TestProbe probe)
    {
        probe.IgnoreMessages<PrepareReconciliation>();
        return true;
    }

    private INativeRequest Take(NativeCall call)
    {
        _last = (probe.LastSender, call.Id);
        Requests.Add(call.Request);
        return call.Request;
    }
}
