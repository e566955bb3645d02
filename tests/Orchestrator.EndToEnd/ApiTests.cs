using System.Net;
using Orchestrator.Api.Contracts;
using Orchestrator.EndToEnd.Support;
using Orchestrator.TestKit.Privileges;

namespace Orchestrator.EndToEnd;

/// <summary>Every endpoint against one real server in its own mount namespace.</summary>
public sealed class ApiTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private OrchestratorServer Server => fixture.Server;

    private HttpClient Client => fixture.Server.Client;

    [RootFact]
    public async Task Health_Running_ReportsOk()
    {
        var health = await (await Client.GetAsync("/v1/health")).ExpectAsync<HealthResponse>(HttpStatusCode.OK);

        Assert.Equal("ok", health.Status);
    }

    [RootFact]
    public async Task Sandboxes_CreateListGetDelete_LayoutAppearsThenNothingIsLeft()
    {
        var response = await Client.PostJsonAsync("/v1/sandboxes", """{"id":"sb-life","sharedFs":"9p","blockDriver":"virtio-scsi"}""");
        var created = await response.ExpectAsync<SandboxResponse>(HttpStatusCode.Created);
        var sandboxDir = Path.GetDirectoryName(created.MountsDir)!;

        Assert.Equal("/v1/sandboxes/sb-life", response.Headers.Location?.OriginalString);
        Assert.Equal((SharedFsKind.NineP, BlockDriverKind.VirtioScsi), (created.SharedFs, created.BlockDriver));
        Assert.Equal(Actors.Sandboxes.SandboxLifecycle.Ready, created.Lifecycle);
        Assert.Contains(created.SharedDir, Server.MountsUnder(sandboxDir));
        var list = await (await Client.GetAsync("/v1/sandboxes")).ExpectAsync<SandboxListResponse>(HttpStatusCode.OK);
        Assert.Contains(list.Sandboxes, s => s.Id == "sb-life");
        var got = await (await Client.GetAsync("/v1/sandboxes/sb-life")).ExpectAsync<SandboxResponse>(HttpStatusCode.OK);
        Assert.Equal(created.SharedDir, got.SharedDir);

        var report = await (await Client.DeleteAsync("/v1/sandboxes/sb-life")).ExpectAsync<TeardownReportResponse>(HttpStatusCode.OK);

        Assert.True(report.Clean, string.Join("; ", report.Errors));
        Assert.Empty(Server.MountsUnder(sandboxDir));
        Assert.False(Directory.Exists(Server.InServer(sandboxDir)));
        Assert.True(await Poll.UntilAsync(async () => (await Client.GetAsync("/v1/sandboxes/sb-life")).StatusCode == HttpStatusCode.NotFound));
    }

    [RootFact]
    public async Task Containers_CreateGetPathsDelete_MountsFollowTheApi()
    {
        var image = Directory.CreateDirectory(Path.Combine(fixture.Namespace.Scratch, "images", "ct-life")).FullName;
        var data = Directory.CreateDirectory(Path.Combine(fixture.Namespace.Scratch, "data", "ct-life")).FullName;
        File.WriteAllText(Path.Combine(image, "marker"), "rootfs");
        await (await Client.PostJsonAsync("/v1/sandboxes", Requests.Sandbox("sb-ct"))).ExpectAsync<SandboxResponse>(HttpStatusCode.Created);

        var plan = await (await Client.PostJsonAsync("/v1/sandboxes/sb-ct/containers", Requests.BindContainer("c1", image, data)))
            .ExpectAsync<ContainerPlanResponse>(HttpStatusCode.Created);

        Assert.Equal(Actors.Containers.ContainerLifecycle.Running, plan.Lifecycle);
        Assert.Contains(plan.Rootfs.HostPath!, Server.MountsUnder(Server.RunDir));
        Assert.Equal("rootfs", File.ReadAllText(Server.InServer(plan.Rootfs.HostPath! + "/marker")));
        var shared = Assert.Single(plan.SharedPaths);
        Assert.True(shared.ReadOnly);
        Assert.Contains(shared.SharedPath, Server.MountsUnder(Server.RunDir));
        Assert.Contains(plan.OciMounts, m => m.Destination == "/data" && m.Options.Contains("ro"));
        Assert.Contains(plan.OciMounts, m => m.Destination == "/proc" && m.Type == "proc");
        Assert.Contains(plan.SystemdUnits, u => u.Name.EndsWith("-data-remount-ro.service", StringComparison.Ordinal));

        var info = await (await Client.GetAsync("/v1/sandboxes/sb-ct/containers/c1")).ExpectAsync<ContainerResponse>(HttpStatusCode.OK);
        Assert.Equal(plan.Rootfs.HostPath, info.Plan?.Rootfs.HostPath);

        var hot = await (await Client.PostJsonAsync("/v1/sandboxes/sb-ct/containers/c1/paths", $$"""{"hostPath":"{{data}}","containerPath":"/hot","readOnly":false}"""))
            .ExpectAsync<SharedPathResponse>(HttpStatusCode.Created);
        Assert.True(hot.HotAdded);
        Assert.Contains(hot.SharedPath, Server.MountsUnder(Server.RunDir));
        var removed = await (await Client.DeleteAsync("/v1/sandboxes/sb-ct/containers/c1/paths?containerPath=/hot")).ExpectAsync<TeardownReportResponse>(HttpStatusCode.OK);
        Assert.True(removed.Clean, string.Join("; ", removed.Errors));
        Assert.DoesNotContain(hot.SharedPath, Server.MountsUnder(Server.RunDir));

        var destroyed = await (await Client.DeleteAsync("/v1/sandboxes/sb-ct/containers/c1")).ExpectAsync<TeardownReportResponse>(HttpStatusCode.OK);
        Assert.True(destroyed.Clean, string.Join("; ", destroyed.Errors));
        Assert.DoesNotContain(plan.Rootfs.HostPath!, Server.MountsUnder(Server.RunDir));

        await (await Client.DeleteAsync("/v1/sandboxes/sb-ct")).ExpectAsync<TeardownReportResponse>(HttpStatusCode.OK);
        Assert.Empty(Server.MountsUnder(Server.RunDir + "/sandboxes"));
    }

    [RootFact]
    public async Task Create_UnknownJsonField_ValidationNamesTheField()
    {
        var top = await (await Client.PostJsonAsync("/v1/sandboxes", """{"id":"sb-unknown","sharedFs":"virtiofs","sharedfs":"9p"}"""))
            .ExpectProblemAsync(HttpStatusCode.BadRequest, ProblemTypes.Validation);
        await (await Client.PostJsonAsync("/v1/sandboxes", Requests.Sandbox("sb-unknown"))).ExpectAsync<SandboxResponse>(HttpStatusCode.Created);
        var nested = await (await Client.PostJsonAsync("/v1/sandboxes/sb-unknown/containers", """{"id":"c1","rootfs":{"type":"bind","source":"/x","readonly":true}}"""))
            .ExpectProblemAsync(HttpStatusCode.BadRequest, ProblemTypes.Validation);

        Assert.Equal(["unknown field"], top.Errors!["sharedfs"]);
        Assert.Equal(["unknown field"], nested.Errors!["rootfs.readonly"]);
        await (await Client.DeleteAsync("/v1/sandboxes/sb-unknown")).ExpectAsync<TeardownReportResponse>(HttpStatusCode.OK);
    }

    [RootFact]
    public async Task Create_MissingOrInvalidFields_ValidationListsEachField()
    {
        var missing = await (await Client.PostJsonAsync("/v1/sandboxes", "{}")).ExpectProblemAsync(HttpStatusCode.BadRequest, ProblemTypes.Validation);
        var badEnum = await (await Client.PostJsonAsync("/v1/sandboxes", """{"id":"x","sharedFs":"nfs"}""")).ExpectProblemAsync(HttpStatusCode.BadRequest, ProblemTypes.Validation);
        var badId = await (await Client.PostJsonAsync("/v1/sandboxes", Requests.Sandbox("../escape"))).ExpectProblemAsync(HttpStatusCode.BadRequest, ProblemTypes.Validation);
        var notJson = await (await Client.PostJsonAsync("/v1/sandboxes", "{\"id\":")).ExpectProblemAsync(HttpStatusCode.BadRequest, ProblemTypes.Validation);
        var noPath = await (await Client.DeleteAsync("/v1/sandboxes/x/containers/y/paths")).ExpectProblemAsync(HttpStatusCode.BadRequest, ProblemTypes.Validation);

        Assert.Equal(["id", "sharedFs"], missing.Errors!.Keys.Order(StringComparer.Ordinal));
        Assert.True(badEnum.Errors!.ContainsKey("sharedFs"));
        Assert.True(badId.Errors!.ContainsKey("id"));
        Assert.NotEmpty(notJson.Errors!);
        Assert.True(noPath.Errors!.ContainsKey("containerPath"));
    }

    [RootFact]
    public async Task CreateContainer_InvalidSpec_ValidationFromTheActorTree()
    {
        await (await Client.PostJsonAsync("/v1/sandboxes", Requests.Sandbox("sb-spec"))).ExpectAsync<SandboxResponse>(HttpStatusCode.Created);

        var problem = await (await Client.PostJsonAsync("/v1/sandboxes/sb-spec/containers",
                """{"id":"c1","rootfs":{"type":"bind","source":"/tmp"},"mounts":[{"source":"/tmp","destination":"relative","propagation":"sideways"}]}"""))
            .ExpectProblemAsync(HttpStatusCode.BadRequest, ProblemTypes.Validation);
        var missing = await (await Client.PostJsonAsync("/v1/sandboxes/sb-spec/containers", """{"id":"c1","mounts":[{"source":"/tmp"}]}"""))
            .ExpectProblemAsync(HttpStatusCode.BadRequest, ProblemTypes.Validation);

        Assert.Contains(problem.Errors!.Keys, k => k.StartsWith("mounts[0]", StringComparison.Ordinal));
        Assert.Equal(["mounts[0].destination", "rootfs"], missing.Errors!.Keys.Order(StringComparer.Ordinal));
        Assert.Empty(Server.MountsUnder(Server.RunDir + "/sandboxes/sb-spec/mounts/c1"));
        await (await Client.DeleteAsync("/v1/sandboxes/sb-spec")).ExpectAsync<TeardownReportResponse>(HttpStatusCode.OK);
    }

    [RootFact]
    public async Task Get_UnknownIdsOrRoute_NotFound()
    {
        await (await Client.GetAsync("/v1/sandboxes/nope")).ExpectProblemAsync(HttpStatusCode.NotFound, ProblemTypes.NotFound);
        await (await Client.DeleteAsync("/v1/sandboxes/nope")).ExpectProblemAsync(HttpStatusCode.NotFound, ProblemTypes.NotFound);
        await (await Client.GetAsync("/v1/sandboxes/nope/containers/c1")).ExpectProblemAsync(HttpStatusCode.NotFound, ProblemTypes.NotFound);
        await (await Client.GetAsync("/v1/nothing-here")).ExpectProblemAsync(HttpStatusCode.NotFound, ProblemTypes.NotFound);
        await (await Client.PostJsonAsync("/v1/sandboxes", Requests.Sandbox("sb-nf"))).ExpectAsync<SandboxResponse>(HttpStatusCode.Created);

        await (await Client.GetAsync("/v1/sandboxes/sb-nf/containers/ghost")).ExpectProblemAsync(HttpStatusCode.NotFound, ProblemTypes.NotFound);

        await (await Client.DeleteAsync("/v1/sandboxes/sb-nf")).ExpectAsync<TeardownReportResponse>(HttpStatusCode.OK);
    }

    [RootFact]
    public async Task Create_ExistingSandbox_Conflict()
    {
        await (await Client.PostJsonAsync("/v1/sandboxes", Requests.Sandbox("sb-twice"))).ExpectAsync<SandboxResponse>(HttpStatusCode.Created);

        var problem = await (await Client.PostJsonAsync("/v1/sandboxes", Requests.Sandbox("sb-twice"))).ExpectProblemAsync(HttpStatusCode.Conflict, ProblemTypes.Conflict);

        Assert.Contains("sb-twice", problem.Detail, StringComparison.Ordinal);
        await (await Client.DeleteAsync("/v1/sandboxes/sb-twice")).ExpectAsync<TeardownReportResponse>(HttpStatusCode.OK);
    }

    [RootFact]
    public async Task CreateSandbox_KernelRefusesTheLayout_NativeCallFailedWithSyscallAndErrno()
    {
        // A file where the sandbox's directory must go: the native layer refuses to lay it out.
        var planted = Path.Combine(Server.RunDir, "sandboxes", "sb-refused");
        Directory.CreateDirectory(Path.GetDirectoryName(planted)!);
        File.WriteAllText(planted, "not a directory");

        var problem = await (await Client.PostJsonAsync("/v1/sandboxes", Requests.Sandbox("sb-refused")))
            .ExpectProblemAsync(HttpStatusCode.InternalServerError, ProblemTypes.NativeCallFailed);

        Assert.False(string.IsNullOrEmpty(problem.Syscall));
        Assert.False(string.IsNullOrEmpty(problem.Errno));
        Assert.Contains(planted, problem.Paths!);
        Assert.NotNull(problem.RollbackErrors);
        Assert.Empty(Server.MountsUnder(planted));
        File.Delete(planted);
        // A rollback that could not undo everything keeps the sandbox listed (failed) until it is destroyed.
        using var destroyed = await Client.DeleteAsync("/v1/sandboxes/sb-refused");
        Assert.Contains(destroyed.StatusCode, new[] { HttpStatusCode.OK, HttpStatusCode.NotFound });
        Assert.True(await Poll.UntilAsync(async () => (await Client.GetAsync("/v1/sandboxes/sb-refused")).StatusCode == HttpStatusCode.NotFound));
        Assert.False(Directory.Exists(Server.InServer(planted)));
    }

    [RootFact]
    public async Task DestroyContainer_SymlinkPlantedAtMountPoint_TeardownIncompleteListsTheError()
    {
        var (plan, data) = await ContainerWithMountAsync("sb-planted", "ct-planted");
        var mountPoint = PlantSymlinkInPlaceOfTheMount(plan, data);

        var problem = await (await Client.DeleteAsync("/v1/sandboxes/sb-planted/containers/c1"))
            .ExpectProblemAsync(HttpStatusCode.InternalServerError, ProblemTypes.TeardownIncomplete);

        Assert.Equal("c1", problem.Id);
        Assert.Contains(problem.TeardownErrors!, e => e.Contains("possible malicious guest", StringComparison.Ordinal));
        Assert.True(Directory.Exists(data), "the symlink's target must be left alone");
        File.Delete(Server.InServer(mountPoint));
        await (await Client.DeleteAsync("/v1/sandboxes/sb-planted")).ExpectAsync<TeardownReportResponse>(HttpStatusCode.OK);
        Assert.Empty(Server.MountsUnder(Server.RunDir + "/sandboxes"));
    }

    [RootFact]
    public async Task Metrics_AfterCreateRefusedTeardownAndDestroy_DocumentedSeriesWithTheirLabels()
    {
        var (plan, data) = await ContainerWithMountAsync("sb-metrics", "ct-metrics");
        var live = PrometheusText.Parse(await (await Client.GetAsync("/metrics")).Content.ReadAsStringAsync());
        // Teardown refuses the symlink: a teardown error.
        var mountPoint = PlantSymlinkInPlaceOfTheMount(plan, data);
        await (await Client.DeleteAsync("/v1/sandboxes/sb-metrics/containers/c1")).ExpectProblemAsync(HttpStatusCode.InternalServerError, ProblemTypes.TeardownIncomplete);
        File.Delete(Server.InServer(mountPoint));
        await (await Client.DeleteAsync("/v1/sandboxes/sb-metrics")).ExpectAsync<TeardownReportResponse>(HttpStatusCode.OK);

        using var response = await Client.GetAsync("/metrics");
        var scrape = PrometheusText.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("counter", scrape.Types["orchestrator_mounts_total"]);
        Assert.Contains(scrape.Named("orchestrator_mounts_total"), s => s.Has("kind=bind", "outcome=created", "otel_scope_name=Orchestrator") && s.Value >= 2);
        Assert.Contains(scrape.Named("orchestrator_mounts_total"), s => s.Has("kind=directory", "outcome=created"));
        Assert.Equal("counter", scrape.Types["orchestrator_unmounts_total"]);
        Assert.Contains(scrape.Named("orchestrator_unmounts_total"), s => s.Has("kind=bind", "outcome=removed") && s.Value >= 1);
        Assert.Contains(scrape.Named("orchestrator_unmounts_total"), s => s.Has("kind=bind", "outcome=refused") && s.Value >= 1);
        Assert.Equal("counter", scrape.Types["orchestrator_teardown_errors_total"]);
        Assert.Contains(scrape.Named("orchestrator_teardown_errors_total"), s => s.Has("kind=bind") && s.Value >= 1);
        foreach (var histogram in new[] { "orchestrator_journal_write_seconds", "orchestrator_journal_startup_scan_seconds", "orchestrator_recovery_seconds" })
        {
            Assert.Equal("histogram", scrape.Types[histogram]);
            var count = Assert.Single(scrape.Named(histogram + "_count")).Value;
            Assert.True(count >= 1, $"{histogram}_count is {count}");
            Assert.Equal(count, Assert.Single(scrape.Named(histogram + "_bucket"), s => s.Has("le=+Inf")).Value);
            Assert.Single(scrape.Named(histogram + "_sum"));
        }

        Assert.Contains(scrape.Named("orchestrator_journal_write_seconds_bucket"), s => s.Has("le=0.0005"));
        Assert.Equal(1, Assert.Single(scrape.Named("orchestrator_recovery_seconds_count")).Value);
        Assert.Equal(("gauge", "gauge"), (scrape.Types["orchestrator_live_sandboxes"], scrape.Types["orchestrator_live_containers"]));
        Assert.True(Assert.Single(live.Named("orchestrator_live_sandboxes")).Value >= 1);
        Assert.True(Assert.Single(live.Named("orchestrator_live_containers")).Value >= 1);
        Assert.Equal("histogram", scrape.Types["http_server_request_duration_seconds"]);
        Assert.Contains(scrape.Named("http_server_request_duration_seconds_count"), s =>
            s.Has("http_request_method=POST", "http_route=/v1/sandboxes/{id}/containers/", "http_response_status_code=201"));
        Assert.Contains(scrape.Named("http_server_request_duration_seconds_count"), s =>
            s.Has("http_request_method=DELETE", "http_route=/v1/sandboxes/{id}/containers/{cid}", "http_response_status_code=500"));
        Assert.Single(scrape.Named("dotnet_process_memory_working_set_bytes"));
        Assert.Contains(scrape.Named("target_info"), s => s.Has("service_name=orchestrator"));
    }

    [RootFact]
    public async Task OpenApi_Document_DescribesEveryRoute()
    {
        using var response = await Client.GetAsync("/openapi/v1.json");
        using var document = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var paths = document.RootElement.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("/v1/sandboxes", paths);
        Assert.Contains("/v1/sandboxes/{id}", paths);
        Assert.Contains("/v1/sandboxes/{id}/containers", paths);
        Assert.Contains("/v1/sandboxes/{id}/containers/{cid}", paths);
        Assert.Contains("/v1/sandboxes/{id}/containers/{cid}/paths", paths);
        Assert.Contains("/v1/health", paths);
    }

    /// <summary>A new sandbox with one container <c>c1</c>: a bind rootfs and one read-only bind of a data directory.</summary>
    private async Task<(ContainerPlanResponse Plan, string Data)> ContainerWithMountAsync(string sandboxId, string name)
    {
        var image = Directory.CreateDirectory(Path.Combine(fixture.Namespace.Scratch, "images", name)).FullName;
        var data = Directory.CreateDirectory(Path.Combine(fixture.Namespace.Scratch, "data", name)).FullName;
        await (await Client.PostJsonAsync("/v1/sandboxes", Requests.Sandbox(sandboxId))).ExpectAsync<SandboxResponse>(HttpStatusCode.Created);
        var plan = await (await Client.PostJsonAsync($"/v1/sandboxes/{sandboxId}/containers", Requests.BindContainer("c1", image, data)))
            .ExpectAsync<ContainerPlanResponse>(HttpStatusCode.Created);
        return (plan, data);
    }

    /// <summary>What a hostile guest could leave: the container's one shared mount gone and a symlink to <paramref name="target"/> in its place.</summary>
    private string PlantSymlinkInPlaceOfTheMount(ContainerPlanResponse plan, string target)
    {
        var mountPoint = Path.Combine(Path.GetDirectoryName(Path.GetDirectoryName(plan.Rootfs.HostPath!)!)!, Path.GetFileName(Assert.Single(plan.SharedPaths).SharedPath));
        Assert.Equal(0, fixture.Namespace.Run("umount", "-l", mountPoint));
        Directory.Delete(Server.InServer(mountPoint));
        File.CreateSymbolicLink(Server.InServer(mountPoint), target);
        return mountPoint;
    }
}
