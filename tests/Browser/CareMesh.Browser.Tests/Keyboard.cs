using Microsoft.Playwright;

namespace CareMesh.Browser.Tests;

/// <summary>
/// Driving a page as someone who cannot use a mouse: only Tab, Shift+Tab, arrows, Space, Enter and typing. Each
/// helper moves focus the way a keyboard user would and fails, saying where focus went instead, if the page
/// cannot be reached that way.
/// </summary>
public static class Keyboard
{
    private const int MaxTabs = 200;

    /// <summary>Tabs forward until <paramref name="target"/> has focus.</summary>
    public static async Task TabToAsync(IPage page, ILocator target)
    {
        var handle = await target.ElementHandleAsync();
        for (var i = 0; i < MaxTabs; i++)
        {
            if (await page.EvaluateAsync<bool>("el => el === document.activeElement", handle))
            {
                return;
            }

            await page.Keyboard.PressAsync("Tab");
        }

        Assert.Fail($"{MaxTabs} presses of Tab never reached {target}; focus is on {await FocusedAsync(page)}");
    }

    /// <summary>Tabs to a text field and types into it (replacing what it held).</summary>
    public static async Task TypeAsync(IPage page, ILocator field, string text)
    {
        await TabToAsync(page, field);
        await page.Keyboard.PressAsync("Control+A");
        await page.Keyboard.TypeAsync(text);
    }

    /// <summary>Tabs to a link or button and presses Enter, waiting for the page it leads to.</summary>
    public static async Task ActivateAsync(IPage page, ILocator control)
    {
        await TabToAsync(page, control);
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
    }

    /// <summary>Tabs into a radio group (one stop for the whole group) and moves with the arrow keys to <paramref name="radio"/>.</summary>
    public static async Task ChooseAsync(IPage page, ILocator radio)
    {
        var name = await radio.GetAttributeAsync("name");
        for (var i = 0; i < MaxTabs && !await page.EvaluateAsync<bool>("n => document.activeElement?.name === n", name); i++)
        {
            await page.Keyboard.PressAsync("Tab");
        }

        // Focus lands on the group's checked radio, or its first when none is: Space chooses the one focused.
        var target = await radio.ElementHandleAsync();
        for (var i = 0; i < 20 && !await radio.IsCheckedAsync(); i++)
        {
            await page.Keyboard.PressAsync(await page.EvaluateAsync<bool>("el => el === document.activeElement", target) ? "Space" : "ArrowDown");
        }

        Assert.True(await radio.IsCheckedAsync(), $"The arrow keys never chose {radio}; focus is on {await FocusedAsync(page)}");
    }

    /// <summary>Tabs to a checkbox and ticks it with Space.</summary>
    public static async Task TickAsync(IPage page, ILocator checkbox)
    {
        await TabToAsync(page, checkbox);
        await page.Keyboard.PressAsync("Space");
        Assert.True(await checkbox.IsCheckedAsync());
    }

    /// <summary>Tabs to a drop-down and moves through its options with the arrow keys until <paramref name="value"/> is chosen.</summary>
    public static async Task SelectAsync(IPage page, ILocator select, string value)
    {
        await TabToAsync(page, select);
        for (var i = 0; i < 40 && await select.InputValueAsync() != value; i++)
        {
            await page.Keyboard.PressAsync("ArrowDown");
        }

        Assert.Equal(value, await select.InputValueAsync());
    }

    private static Task<string> FocusedAsync(IPage page) =>
        page.EvaluateAsync<string>("() => { const e = document.activeElement; return e ? `${e.tagName} ${e.id || e.getAttribute('name') || e.textContent?.trim().slice(0, 40)}` : 'nothing'; }");
}
