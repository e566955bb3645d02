using Orchestrator.Actors.Runtime;

namespace Orchestrator.Tests.Runtime;

public sealed class AskExtensionsTests : Orchestrator.TestKit.TestKit
{
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Ask_ActorReplies_CompletesWithReply()
    {
        var actor = ActorOf(Props.Create(() => new Responder()));

        var reply = await actor.Ask<string>("hello", TimeSpan.FromSeconds(10)).WaitAsync(Guard);

        Assert.Equal("hello back", reply);
    }

    [Fact]
    public async Task Ask_NoReply_FailsWithAskTimeoutException()
    {
        var actor = ActorOf(Props.Create(() => new Responder()));

        var error = await Assert.ThrowsAsync<AskTimeoutException>(
            () => actor.Ask<string>("ignore", TimeSpan.FromMilliseconds(100)).WaitAsync(Guard));

        Assert.Contains(actor.Path.ToString(), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ask_ReplyIsStatusFailure_FaultsWithItsCause()
    {
        var actor = ActorOf(Props.Create(() => new Responder()));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(
            () => actor.Ask<string>("fail", TimeSpan.FromSeconds(10)).WaitAsync(Guard));

        Assert.Equal("refused", error.Message);
    }

    [Fact]
    public async Task Ask_ReplyOfOtherType_FaultsWithInvalidCast()
    {
        var actor = ActorOf(Props.Create(() => new Responder()));

        await Assert.ThrowsAsync<InvalidCastException>(() => actor.Ask<int>("hello", TimeSpan.FromSeconds(10)).WaitAsync(Guard));
    }

    [Fact]
    public async Task Ask_TokenCancelled_Cancels()
    {
        var actor = ActorOf(Props.Create(() => new Responder()));
        using var cts = new CancellationTokenSource();

        var ask = actor.Ask<string>("ignore", TimeSpan.FromSeconds(30), cts.Token);
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => ask.WaitAsync(Guard));
    }

    [Fact]
    public async Task Ask_SenderSeenByActor_IsTemporaryRef()
    {
        var actor = ActorOf(Props.Create(() => new Responder()));

        var sender = await actor.Ask<IActorRef>("who", TimeSpan.FromSeconds(10)).WaitAsync(Guard);

        Assert.StartsWith("/temp/", sender.Path.ToString(), StringComparison.Ordinal);
    }

    private sealed class Responder : ReceiveActor
    {
        public Responder()
        {
            Receive<string>(m => m == "ignore", _ => { });
            Receive<string>(m => m == "fail", _ => Sender.Tell(new Status.Failure(new InvalidOperationException("refused"))));
            Receive<string>(m => m == "who", _ => Sender.Tell(Sender));
            Receive<string>(m => Sender.Tell(m + " back"));
        }
    }
}
