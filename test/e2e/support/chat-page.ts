import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';

/** How long to wait for the bot's answer to appear on the page. */
export const ANSWER_TIMEOUT_MS = 30_000;

/**
 * Drives the playground's personal chat as a person would: types in the message box, reads the
 * Adaptive Cards the bot answers with, fills their inputs and presses their buttons.
 * Every wait is on visible text; a failure says what was expected and what the page showed.
 */
export class ChatPage {
  private step = 0;

  constructor(
    readonly page: Page,
    private readonly screenshotDir: string,
  ) {
    mkdirSync(screenshotDir, { recursive: true });
  }

  /** Every Adaptive Card rendered in the conversation, oldest first. */
  cards(): Locator {
    return this.page.locator('.ac-adaptiveCard');
  }

  /** Types a message into the compose box (the first contenteditable element) and sends it. */
  async say(text: string): Promise<void> {
    const box = this.page.locator('[contenteditable=true]').first();
    await box.waitFor({ state: 'visible', timeout: ANSWER_TIMEOUT_MS });
    await box.click();
    await box.pressSequentially(text);
    await this.page.keyboard.press('Enter');
  }

  /** Says `text` and waits for a NEW card (beyond those already shown) that contains `expected`. */
  async ask(text: string, expected: string): Promise<Locator> {
    const before = await this.cards().count();
    await this.say(text);
    return this.waitForCard(expected, { after: before, what: `the answer to "${text}"` });
  }

  /**
   * Waits for the last card containing `expected` to be visible (optionally only among cards after
   * index `after`), and returns it.
   */
  async waitForCard(
    expected: string,
    options: { after?: number; what?: string; timeoutMs?: number } = {},
  ): Promise<Locator> {
    const deadline = Date.now() + (options.timeoutMs ?? ANSWER_TIMEOUT_MS);
    for (;;) {
      const total = await this.cards().count();
      for (let i = total - 1; i >= (options.after ?? 0); i -= 1) {
        const card = this.cards().nth(i);
        if ((await card.innerText().catch(() => '')).includes(expected)) return card;
      }
      if (Date.now() > deadline) throw await this.failure(`${options.what ?? 'a card'} showing "${expected}"`);
      await this.page.waitForTimeout(250);
    }
  }

  /** Waits until `card` shows `expected` (a card updated in place by Action.Execute). */
  async waitForText(card: Locator, expected: string, what: string): Promise<void> {
    try {
      await card
        .getByText(expected, { exact: false })
        .first()
        .waitFor({ state: 'visible', timeout: ANSWER_TIMEOUT_MS });
    } catch {
      throw await this.failure(`${what}: "${expected}"`);
    }
  }

  /**
   * Chooses `option` in the card's drop-down labelled `label` (a native select, or the playground's
   * own combobox: open it, then pick the option).
   */
  async choose(card: Locator, label: string, option: string): Promise<void> {
    const box = card.getByRole('combobox', { name: label }).or(card.getByLabel(label)).first();
    try {
      const tag = await box.evaluate((el) => el.tagName.toLowerCase(), undefined, { timeout: ANSWER_TIMEOUT_MS });
      if (tag === 'select') await box.selectOption({ label: option });
      else {
        await box.click();
        await this.page.getByRole('option', { name: option, exact: true }).first().click();
      }
    } catch {
      throw await this.failure(`a drop-down "${label}" with "${option}"`);
    }
  }

  /** Presses the button titled `title` inside `card` (Action.OpenUrl buttons have the role "link"). */
  async press(card: Locator, title: string): Promise<void> {
    const button = card
      .getByRole('button', { name: title, exact: true })
      .or(card.getByRole('link', { name: title, exact: true }));
    try {
      await button.first().click({ timeout: ANSWER_TIMEOUT_MS });
    } catch {
      throw await this.failure(`a button "${title}" to press`);
    }
  }

  /**
   * Saves a screenshot of the page as `NN-name.png` and, given a card, one of the whole card as
   * `NN-name.card.png` (legible even when the card is taller than the window); returns the page's path.
   */
  async screenshot(name: string, card?: Locator): Promise<string> {
    this.step += 1;
    const base = join(this.screenshotDir, `${String(this.step).padStart(2, '0')}-${name}`);
    await this.page.screenshot({ path: `${base}.png` });
    if (card) {
      // The chat pane scrolls inside the window, so a card taller than the window would be cut:
      // grow the window to fit the card, take it, and restore the window.
      const size = this.page.viewportSize() ?? { width: 1280, height: 1000 };
      const height = (await card.boundingBox())?.height ?? 0;
      if (height + 300 > size.height) await this.page.setViewportSize({ ...size, height: Math.ceil(height + 300) });
      await card.scrollIntoViewIfNeeded();
      await card.screenshot({ path: `${base}.card.png` });
      await this.page.setViewportSize(size);
    }
    return `${base}.png`;
  }

  /** An error naming what was expected, with the text of the last card and a screenshot. */
  private async failure(expected: string): Promise<Error> {
    const last = this.cards().last();
    const shown = (await last.count())
      ? ((await last.innerText().catch(() => '')) || '(empty)').slice(0, 1500)
      : '(no card at all)';
    const shot = await this.screenshot('FAILED').catch(() => '(no screenshot)');
    return new Error(
      `E2E_NOT_SHOWN: expected ${expected}.\nThe last card on the page shows:\n${shown}\nScreenshot: ${shot}`,
    );
  }
}
