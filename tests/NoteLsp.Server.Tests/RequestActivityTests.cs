using NoteLsp.Server.State;

namespace NoteLsp.Server.Tests;

/// <summary>
/// The vault-wide diagnostics pass leaves a core to a request being computed (the references someone asked for just
/// after indexing), but never waits longer than its budget, and not at all when there are cores enough.
/// </summary>
public class RequestActivityTests
{
    [Fact]
    public void With_no_request_in_flight_no_worker_waits()
    {
        var requests = new RequestActivity(cores: 2);
        var budget = TimeSpan.FromSeconds(30);
        requests.StepAside(worker: 1, ref budget);
        Assert.Equal(TimeSpan.FromSeconds(30), budget);
    }

    [Fact]
    public async Task One_request_on_two_cores_holds_back_the_second_worker_only_until_it_ends()
    {
        var requests = new RequestActivity(cores: 2);
        requests.Begin();
        Assert.Equal(1, requests.InFlight);

        // The first worker keeps its core: two threads for two cores.
        var first = TimeSpan.FromSeconds(30);
        requests.StepAside(worker: 0, ref first);
        Assert.Equal(TimeSpan.FromSeconds(30), first);

        // The second waits until the request ends, then goes on with the rest of its budget.
        var waiting = new ManualResetEventSlim();
        var worker = Task.Run(() =>
        {
            var second = TimeSpan.FromSeconds(30);
            waiting.Set();
            requests.StepAside(worker: 1, ref second);
            return second;
        });
        waiting.Wait();
        Thread.Sleep(50);
        Assert.False(worker.IsCompleted);
        requests.End();
        var left = await worker.WaitAsync(TimeSpan.FromSeconds(20));
        Assert.InRange(left, TimeSpan.Zero, TimeSpan.FromSeconds(30) - TimeSpan.FromMilliseconds(40));
    }

    [Fact]
    public void A_spent_budget_never_waits_even_for_a_request_that_does_not_end()
    {
        var requests = new RequestActivity(cores: 2);
        requests.Begin();
        requests.Begin();
        var budget = TimeSpan.Zero;
        requests.StepAside(worker: 0, ref budget);
        Assert.Equal(TimeSpan.Zero, budget);

        // A small budget is spent, then the worker goes on although both requests are still in flight.
        budget = TimeSpan.FromMilliseconds(30);
        requests.StepAside(worker: 0, ref budget);
        Assert.True(budget <= TimeSpan.Zero);
        Assert.Equal(2, requests.InFlight);
    }
}
