using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CareMesh.Testing;
using UglyToad.PdfPig;

namespace CareMesh.CarePlans.Tests.Versions;

/// <summary>Agreeing a plan: the version kept exactly, a change after it starting the next draft, the differences, and what the GP receives.</summary>
public class AgreementTests(CarePlansServiceFactory factory) : IClassFixture<CarePlansServiceFactory>, IAsyncLifetime
{
    private readonly CarePlansApiCalls _api = new(factory);

    public Task InitializeAsync() => factory.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task An_agreed_version_reads_back_byte_for_byte_after_later_edits_and_the_edit_starts_a_new_draft_version()
    {
        await factory.Broker.BindQueueAsync(CarePlansApiCalls.Exchange("CarePlanDrafted"), "drafted-probe");
        factory.Clock.SetTo(new DateTimeOffset(2026, 3, 9, 10, 0, 0, TimeSpan.Zero));
        var id = (await _api.OpenAsync("9434765919")).GetProperty("id").GetGuid();
        var goal = (await _api.PostAsync($"/api/care-plans/{id}/goals", new { text = "Get back to the allotment", targetDate = "2026-06-30", status = "active" },
            expected: HttpStatusCode.Created)).GetProperty("goals")[0].GetProperty("id").GetGuid();
        var agreed = await _api.SendAsync(HttpMethod.Post, $"/api/care-plans/{id}/agree", new { method = "in-person", carerPresent = true }, ifMatch: "\"2\"");
        var original = await (await _api.Coordinator.GetAsync($"/api/care-plans/{id}/versions/1")).Content.ReadAsByteArrayAsync();

        Assert.Equal(("agreed", 1, "2026-06-01"), (agreed.GetProperty("status").GetString(), agreed.GetProperty("version").GetInt32(), agreed.GetProperty("reviewDue").GetString()));
        // Progress carries the agreed plan out: no new version.
        var progressed = await _api.PostAsync($"/api/care-plans/{id}/goals/{goal}/progress", new { note = "Went once with her neighbour" });
        Assert.Equal(("agreed", 1), (progressed.GetProperty("status").GetString(), progressed.GetProperty("version").GetInt32()));

        // A change to what was agreed: version 2, a draft.
        var changed = await _api.PutAsync($"/api/care-plans/{id}/goals/{goal}", new { text = "Get back to the allotment on my own", targetDate = "2026-07-31" });
        await _api.PutAsync($"/api/care-plans/{id}/sections", new
        {
            aboutMe = new { whatMatters = "Seeing my grandchildren, and the allotment" },
            consent = new { consentToShare = true, gpSharing = "full-plan" },
            careCoordinator = new { userId = CarePlansApiCalls.CoordinatorUserId, name = "Sam Jones" },
        });
        Assert.Equal(("draft", 2), (changed.GetProperty("status").GetString(), changed.GetProperty("version").GetInt32()));

        var after = await (await _api.Coordinator.GetAsync($"/api/care-plans/{id}/versions/1")).Content.ReadAsByteArrayAsync();
        Assert.Equal(original, after);
        var version1 = JsonDocument.Parse(after).RootElement;
        Assert.Equal("Get back to the allotment", version1.GetProperty("goals")[0].GetProperty("text").GetString());
        Assert.Equal(("in-person", true, CarePlansApiCalls.CoordinatorUserId), (version1.GetProperty("agreement").GetProperty("method").GetString(),
            version1.GetProperty("agreement").GetProperty("carerPresent").GetBoolean(), version1.GetProperty("agreement").GetProperty("agreedByUserId").GetString()));

        var diff = await _api.GetAsync($"/api/care-plans/{id}/versions/diff?from=1&to=2");
        var changes = diff.GetProperty("changes").EnumerateArray().ToDictionary(c => c.GetProperty("path").GetString()!, c => c);
        Assert.Equal("\"Get back to the allotment on my own\"", changes[$"goals[{goal}].text"].GetProperty("after").GetString());
        Assert.Equal("changed", changes[$"goals[{goal}].targetDate"].GetProperty("change").GetString());
        Assert.Equal(("\"codes-only\"", "\"full-plan\""), (changes["sections.consent.gpSharing"].GetProperty("before").GetString(),
            changes["sections.consent.gpSharing"].GetProperty("after").GetString()));
        Assert.True(changes.ContainsKey($"goals[{goal}].progress[0].note"));
        Assert.DoesNotContain(changes.Keys, path => path.StartsWith("agreement", StringComparison.Ordinal) || path.StartsWith("person", StringComparison.Ordinal));
        var unknown = await _api.Coordinator.GetAsync($"/api/care-plans/{id}/versions/diff?from=1&to=7");
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);

        var drafted = await _api.PublishedAsync("drafted-probe", m => m.GetProperty("carePlanId").GetGuid() == id, seen => seen.Count >= 2, "two CarePlanDrafted");
        Assert.Equal([1, 2], drafted.Select(m => m.GetProperty("version").GetInt32()));
        var versions = await _api.GetAsync($"/api/care-plans/{id}/versions");
        Assert.Equal(1, Assert.Single(versions.EnumerateArray()).GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task Agreeing_publishes_codes_only_by_default_and_the_narrative_when_the_person_shares_the_full_plan()
    {
        await factory.Broker.BindQueueAsync(CarePlansApiCalls.Exchange("CarePlanAgreed"), "agreed-probe");
        var id = (await _api.OpenAsync("9434765919")).GetProperty("id").GetGuid();
        await _api.PutAsync($"/api/care-plans/{id}/sections", Sections("codes-only"));
        await _api.PostAsync($"/api/care-plans/{id}/agree", new { method = "phone", carerPresent = false, reviewDue = "2027-03-01" });
        await _api.PutAsync($"/api/care-plans/{id}/sections", Sections("full-plan"));
        await _api.PostAsync($"/api/care-plans/{id}/agree", new { method = "video", carerPresent = true });

        var published = await _api.PublishedAsync("agreed-probe", m => m.GetProperty("carePlanId").GetGuid() == id, seen => seen.Count >= 2, "two CarePlanAgreed");
        var (first, second) = (published.Single(m => m.GetProperty("version").GetInt32() == 1), published.Single(m => m.GetProperty("version").GetInt32() == 2));
        Assert.Equal(("phone", false, "2027-03-01", "Y00001"), (first.GetProperty("method").GetString(), first.GetProperty("carerPresent").GetBoolean(),
            first.GetProperty("reviewDue").GetString(), first.GetProperty("practiceOds").GetString()));
        var codesOnly = first.GetProperty("gpCopy");
        Assert.Equal("codes-only", codesOnly.GetProperty("sharing").GetString());
        Assert.Equal(JsonValueKind.Null, codesOnly.GetProperty("narrative").ValueKind);
        Assert.Equal(["Personalised care and support plan agreed", "Has a carer", "Personal health budget offered"],
            codesOnly.GetProperty("codes").EnumerateArray().Select(c => c.GetProperty("display").GetString()));
        Assert.All(codesOnly.GetProperty("codes").EnumerateArray(), c => Assert.Matches("^[0-9]{6,18}$", c.GetProperty("code").GetString()!));
        var full = second.GetProperty("gpCopy");
        Assert.Equal("full-plan", full.GetProperty("sharing").GetString());
        Assert.Contains("To dance at my granddaughter's wedding", full.GetProperty("narrative").GetString());
        Assert.Equal("video", second.GetProperty("method").GetString());
    }

    [Fact]
    public async Task The_copy_reads_as_html_pdf_and_text_and_codes_only_leaves_the_narrative_out_of_the_gps()
    {
        var id = (await _api.OpenAsync("9434765919")).GetProperty("id").GetGuid();
        await _api.PutAsync($"/api/care-plans/{id}/sections", Sections("codes-only"));
        await _api.PostAsync($"/api/care-plans/{id}/goals", new { text = "Walk to the shops on my own", targetDate = "2026-08-01" }, expected: HttpStatusCode.Created);
        await _api.PostAsync($"/api/care-plans/{id}/agree", new { method = "in-person", carerPresent = true, agreedAt = "2026-03-09T10:30:00Z", reviewDue = "2026-06-01" });

        var gpPdf = await PdfTextAsync($"/api/care-plans/{id}/versions/1/copy.pdf");
        var personPdf = await PdfTextAsync($"/api/care-plans/{id}/versions/1/copy.pdf?audience=person");
        var html = await (await _api.Coordinator.GetAsync($"/api/care-plans/{id}/versions/1/copy.html?audience=person")).Content.ReadAsStringAsync();
        var text = await (await _api.Coordinator.GetAsync($"/api/care-plans/{id}/versions/1/copy.txt")).Content.ReadAsStringAsync();
        var badAudience = await _api.Coordinator.GetAsync($"/api/care-plans/{id}/versions/1/copy.pdf?audience=neighbour");

        foreach (var copy in (string[])[gpPdf, personPdf, text])
        {
            Assert.Contains("Ada Lovelace", copy);
            Assert.Contains("943 476 5919", copy);
            Assert.Contains("Y00001", copy);
            Assert.Contains("1 June 2026", copy);
            Assert.Contains("Sam Jones", copy);
            Assert.Contains("Dr Asha Patel", copy);
            Assert.Contains("Personalised care and support plan agreed", copy);
            Assert.Contains("Confidential", copy);
        }

        foreach (var narrative in (string[])["To dance at my granddaughter's wedding", "Walk to the shops on my own", "Falls risk"])
        {
            Assert.DoesNotContain(narrative, gpPdf);
            Assert.DoesNotContain(narrative, text);
            Assert.Contains(narrative, personPdf);
        }

        Assert.Contains("<html lang=\"en-GB\"", html);
        Assert.Contains("To dance at my granddaughter", html);
        Assert.Equal(HttpStatusCode.BadRequest, badAudience.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _api.Coordinator.GetAsync($"/api/care-plans/{id}/versions/2/copy.pdf")).StatusCode);
    }

    [Fact]
    public async Task A_plan_without_what_matters_is_not_agreed_and_bad_agreements_are_refused_naming_the_field()
    {
        var accepted = CarePlansApiCalls.Accepted("9434765919") with { WhatMattersToThePerson = null };
        await _api.PublishAsync(accepted, Guid.NewGuid());
        var id = await Eventually.Until(() => _api.QueryAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleOrDefaultAsync(
            db.Plans.Where(p => p.ReferralId == accepted.ReferralId).Select(p => (Guid?)p.Id))), id => id is not null, what: "the draft");

        var notReady = await _api.Coordinator.PostAsJsonAsync($"/api/care-plans/{id}/agree", new { method = "in-person", carerPresent = false });
        var bad = await _api.Coordinator.PostAsJsonAsync($"/api/care-plans/{id}/agree", new { method = "letter", agreedAt = "2099-01-01T00:00:00Z" });

        Assert.Equal(HttpStatusCode.Conflict, notReady.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var errors = (await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        foreach (var field in (string[])["method", "agreedAt", "carerPresent"])
        {
            Assert.True(errors.TryGetProperty(field, out _), $"{field} not named in {errors}");
        }

        Assert.Equal("draft", (await _api.GetAsync($"/api/care-plans/{id}")).GetProperty("status").GetString());
    }

    private async Task<string> PdfTextAsync(string path)
    {
        var response = await _api.Coordinator.GetAsync(path);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        using var pdf = PdfDocument.Open(await response.Content.ReadAsByteArrayAsync());
        return string.Join(" ", pdf.GetPages().SelectMany(p => p.GetWords()).Select(w => w.Text));
    }

    private static object Sections(string sharing) => new
    {
        aboutMe = new { whatMatters = "To dance at my granddaughter's wedding", strengths = "Determined" },
        carers = new { unpaidCarerIdentified = true, carerName = "Grace Hopper", relationship = "daughter", assessment = "offered" },
        personalHealthBudget = new { status = "offered" },
        safeguardingAndRisk = new { notes = "Falls risk at home" },
        consent = new { consentToShare = true, gpSharing = sharing },
        namedClinicalContact = new { userId = "user-clinician", name = "Dr Asha Patel", role = "GP" },
        careCoordinator = new { userId = CarePlansApiCalls.CoordinatorUserId, name = "Sam Jones", phone = "0113 496 0001" },
    };
}
