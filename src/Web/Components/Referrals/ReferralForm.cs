using CareMesh.Web.Forms;
using CareMesh.Web.Gateway;
using Microsoft.AspNetCore.Components;

namespace CareMesh.Web.Components.Referrals;

/// <summary>
/// A page that changes one referral: reads it (and its version) to show, posts one form to the service with that
/// version, and on a refusal shows the service's faults with what the user typed.
/// </summary>
public abstract class ReferralForm : ComponentBase
{
    [Parameter] public Guid Id { get; set; }

    [CascadingParameter] protected HttpContext HttpContext { get; set; } = null!;

    [Inject] protected GatewayClient Gateway { get; set; } = null!;

    [Inject] protected NavigationManager Nav { get; set; } = null!;

    protected ReferralView? Referral { get; private set; }

    protected FormValues Values { get; set; } = new();

    protected FormErrors Errors { get; set; } = FormErrors.None;

    /// <summary>The form's fields in page order, for the error summary.</summary>
    protected abstract IReadOnlyList<string> Fields { get; }

    protected override async Task OnInitializedAsync()
    {
        var referral = await Gateway.GetAsync<ReferralView>($"/api/referrals/{Id}");
        if (!referral.Ok)
        {
            Errors = FormErrors.From(referral.Problem!, []);
            return;
        }

        Referral = referral.Value;
        if (HttpMethods.IsGet(HttpContext.Request.Method))
        {
            Values["version"] = Referral!.Version.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        await LoadAsync();
    }

    /// <summary>Anything more the form shows (suggestions, say).</summary>
    protected virtual Task LoadAsync() => Task.CompletedTask;

    protected void ReadForm() => Values = FormValues.From(HttpContext.Request.Form);

    /// <summary>Posts to the referral's <paramref name="step"/> with the version the user saw; back to the referral when it worked.</summary>
    protected async Task PostAsync(string step, object body)
    {
        var answer = await Gateway.PostAsync<Nothing>($"/api/referrals/{Id}/{step}", body, Values.Number("version"));
        if (answer.Ok)
        {
            Nav.NavigateTo($"/referrals/{Id}");
            return;
        }

        Errors = FormErrors.From(answer.Problem!, Fields);
    }
}
