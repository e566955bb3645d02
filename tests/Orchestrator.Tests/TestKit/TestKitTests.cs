using Orchestrator.Actors.Runtime;
using Orchestrator.TestKit;
using Xunit.Sdk;

namespace Orchestrator.Tests.TestKit;

public sealed class TestKitTests : Orchestrator.TestKit.TestKit
{
    private static readonly TimeSpan Short = TimeSpan.FromMilliseconds(100);

    [Fact]
    public void ExpectMsg_MessageOfType_ReturnsIt()
    {
        TestActor.Tell("hello");

        Assert.Equal("hello", ExpectMsg<string>());
    }

    [Fact]
    public void ExpectMsg_WrongType_FailureNamesExpectedAndReceived()
    {
        TestActor.Tell(42);

        var error = Assert.Throws<XunitException>(() => ExpectMsg<string>());

        Assert.Contains("String", error.Message, StringComparison.Ordinal);
        Assert.Contains("Int32 [42]", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ExpectMsg_NothingArrives_FailureSaysSo()
    {
        var error = Assert.Throws<XunitException>(() => ExpectMsg<string>(Short));

        Assert.Contains("no message arrived", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ExpectMsg_UnequalValue_FailureShowsBoth()
    {
        TestActor.Tell("actual");

        var error = Assert.Throws<XunitException>(() => ExpectMsg("expected"));

        Assert.Contains("String [expected]", error.Message, StringComparison.Ordinal);
        Assert.Contains("String [actual]", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ExpectMsg_PredicateFails_FailureShowsMessage()
    {
        TestActor.Tell(3);

        var error = Assert.Throws<XunitException>(() => ExpectMsg<int>(i => i > 5));

        Assert.Contains("Int32 [3]", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ExpectNoMsg_MessageArrives_Fails()
    {
        TestActor.Tell("unexpected");

        var error = Assert.Throws<XunitException>(() => ExpectNoMsg(Short));

        Assert.Contains("String [unexpected]", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Tell_FromTestWithoutSender_ReplyReachesTestActor()
    {
        var echo = Sys.ActorOf(Props.Create(() => new Echo()));

        echo.Tell("ping");

        ExpectMsg("ping");
        Assert.Same(echo, LastSender);
    }

    [Fact]
    public async Task Tell_FromAsyncTestAfterAwait_ReplyReachesTestActor()
    {
        var echo = Sys.ActorOf(Props.Create(() => new Echo()));
        await Task.Yield();

        echo.Tell("ping");

        ExpectMsg("ping");
    }

    [Fact]
    public void ExpectTerminated_WatchedActorStops_ReturnsTerminated()
    {
        var actor = Watch(ActorOf(Props.Create(() => new Echo())));

        actor.Tell(PoisonPill.Instance);

        Assert.Same(actor, ExpectTerminated(actor).ActorRef);
    }

    [Fact]
    public void ExpectTerminated_OtherMessage_Fails()
    {
        var actor = ActorOf(Props.Create(() => new Echo()));
        TestActor.Tell("not terminated");

        Assert.Throws<XunitException>(() => ExpectTerminated(actor, Short));
    }

    [Fact]
    public void FishForMessage_OtherMessagesFirst_SkipsThem()
    {
        TestActor.Tell("skip");
        TestActor.Tell(1);
        TestActor.Tell(10);

        Assert.Equal(10, FishForMessage<int>(i => i > 5));
    }

    [Fact]
    public void FishForMessage_NoMatch_FailureListsSkipped()
    {
        TestActor.Tell("skip");

        var error = Assert.Throws<XunitException>(() => FishForMessage<int>(_ => true, Short));

        Assert.Contains("String [skip]", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReceiveN_EnoughMessages_ReturnsThemInOrder()
    {
        TestActor.Tell(1);
        TestActor.Tell(2);

        Assert.Equal([1, 2], ReceiveN(2));
    }

    [Fact]
    public void AwaitAssert_EventuallyTrue_Passes()
    {
        var flag = 0;
        var actor = ActorOf(Props.Create(() => new SetsFlag(() => Interlocked.Exchange(ref flag, 1))));

        actor.Tell("set");

        AwaitAssert(() => Assert.Equal(1, Volatile.Read(ref flag)));
    }

    [Fact]
    public void AwaitAssert_NeverTrue_RethrowsLastFailure() =>
        Assert.ThrowsAny<XunitException>(() => AwaitAssert(() => Assert.Fail("never"), Short, TimeSpan.FromMilliseconds(10)));

    [Fact]
    public void AwaitCondition_NeverTrue_FailsWithTimeout()
    {
        var error = Assert.Throws<XunitException>(() => AwaitCondition(() => false, Short, TimeSpan.FromMilliseconds(10), "flag set"));

        Assert.Contains("flag set", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Within_ExpectationsInside_UseRemainingTime()
    {
        TestActor.Tell("inside");

        var result = Within(TimeSpan.FromSeconds(10), () => ExpectMsg<string>());

        Assert.Equal("inside", result);
    }

    [Fact]
    public void Within_NoTimeoutGiven_DefaultIsRemainingOfBlock()
    {
        var error = Assert.Throws<XunitException>(() => Within(TimeSpan.FromMilliseconds(200), () => ExpectMsg<string>()));

        Assert.Contains("no message arrived", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Dilated_TimeFactor_MultipliesSpans()
    {
        var settings = new TestKitSettings { TimeFactor = 2.5 };

        Assert.Equal(TimeSpan.FromSeconds(5), settings.Dilated(TimeSpan.FromSeconds(2)));
    }

    [Fact]
    public void Dispose_Kit_TerminatesItsSystem()
    {
        var kit = new Kit();
        kit.ActorOf(Props.Create(() => new Echo()));

        kit.Dispose();

        Assert.True(kit.Sys.WhenTerminated.IsCompletedSuccessfully);
    }

    private sealed class Kit : Orchestrator.TestKit.TestKit;

    private sealed class Echo : ReceiveActor
    {
        public Echo() => ReceiveAny(m => Sender.Tell(m));
    }

    private sealed class SetsFlag : ReceiveActor
    {
        public SetsFlag(Action set) => ReceiveAny(_ => set());
    }
}
