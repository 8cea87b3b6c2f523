using System.Globalization;
using CareMesh.Web.Gateway;
using Microsoft.AspNetCore.Components;

namespace CareMesh.Web.Forms;

/// <summary>
/// A page that changes one record (a referral, a care plan): reads it (and its version) to show, posts one form to
/// the service with that version as If-Match, back to the record's page when it worked; on a refusal it shows the
/// service's faults with what the user typed.
/// </summary>
public abstract class RecordForm<TRecord> : ComponentBase where TRecord : class
{
    [Parameter] public Guid Id { get; set; }

    [CascadingParameter] protected HttpContext HttpContext { get; set; } = null!;

    [Inject] protected GatewayClient Gateway { get; set; } = null!;

    [Inject] protected NavigationManager Nav { get; set; } = null!;

    /// <summary>The clock "today" and "now" are read from (UK dates through <c>UkTime</c>).</summary>
    [Inject] protected TimeProvider Clock { get; set; } = null!;

    protected TRecord? Record { get; private set; }

    protected FormValues Values { get; set; } = new();

    protected FormErrors Errors { get; set; } = FormErrors.None;

    /// <summary>The form's fields in page order, for the error summary.</summary>
    protected abstract IReadOnlyList<string> Fields { get; }

    /// <summary>The record in the service: <c>/api/referrals/{id}</c>.</summary>
    protected abstract string RecordPath { get; }

    /// <summary>The record's page in the workspace, where a saved form goes back to.</summary>
    protected abstract string PagePath { get; }

    /// <summary>The version the service tags the record with (its ETag), sent back as If-Match.</summary>
    protected abstract int VersionOf(TRecord record);

    protected override async Task OnInitializedAsync()
    {
        var record = await Gateway.GetAsync<TRecord>(RecordPath);
        if (!record.Ok)
        {
            Errors = FormErrors.From(record.Problem!, []);
            return;
        }

        Record = record.Value;
        if (HttpMethods.IsGet(HttpContext.Request.Method))
        {
            Values["version"] = VersionOf(Record!).ToString(CultureInfo.InvariantCulture);
            Fill(Record!);
        }

        await LoadAsync();
    }

    /// <summary>What the form starts with when it is first shown (the record's current text, when it edits it).</summary>
    protected virtual void Fill(TRecord record)
    {
    }

    /// <summary>Anything more the form shows (suggestions, say).</summary>
    protected virtual Task LoadAsync() => Task.CompletedTask;

    protected void ReadForm() => Values = FormValues.From(HttpContext.Request.Form);

    /// <summary>Posts to the record's <paramref name="step"/> with the version the user saw; back to its page when it worked.</summary>
    protected Task PostAsync(string step, object body) => SaveAsync(HttpMethod.Post, step, body);

    protected async Task SaveAsync(HttpMethod method, string step, object body)
    {
        // No step: the record itself (a PUT of the whole listing).
        var path = step.Length == 0 ? RecordPath : $"{RecordPath}/{step}";
        var version = Values.Number("version");
        var answer = method == HttpMethod.Put
            ? await Gateway.PutAsync<Nothing>(path, body, version)
            : await Gateway.PostAsync<Nothing>(path, body, version);
        if (answer.Ok)
        {
            Nav.NavigateTo(PagePath);
            return;
        }

        if (answer.Problem!.Status == StatusCodes.Status412PreconditionFailed && Record is not null)
        {
            // The record was read afresh for this post: the next save is checked against what it is now, not refused again.
            Values["version"] = VersionOf(Record).ToString(CultureInfo.InvariantCulture);
        }

        Errors = FormErrors.From(Place(answer.Problem!), Fields);
    }

    /// <summary>The service's faults as the form's fields name them, when the body it sent is not laid out as the form is.</summary>
    protected virtual Problem Place(Problem problem) => problem;
}
