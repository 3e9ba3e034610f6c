import { apiSignupWithOrg, expect, test, unique } from './fixtures.ts';

/**
 * The issue log and tasks (issue 4), in the project's language, at desktop width and on a phone:
 * log an issue on a program (a missing description is refused, the rest kept), add a task for it
 * assigned to me and already past its due date, find it overdue on My tasks, comment on it, mark
 * it done, delete it and undo.
 */
const VIEWPORTS = [
  { name: 'desktop', width: 1280, height: 900, phone: false },
  { name: 'phone (360 px)', width: 360, height: 780, phone: true },
];
const daysAgo = (n: number) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jakarta' }).format(new Date(Date.now() - n * 86_400_000));

for (const vp of VIEWPORTS) {
  test(`issue log and tasks, ${vp.name}: log an issue → a task for it, overdue → my tasks → comment → done → delete and undo`, async ({ page, lang, t, label }) => {
    test.setTimeout(120_000);
    await page.setViewportSize({ width: vp.width, height: vp.height });
    const id = unique(`task-${lang}${vp.phone ? 'm' : ''}`);
    await apiSignupWithOrg(page.request, { name: 'Ketut Arsana', email: `${id}@example.org`, org: `Yayasan ${id}`, slug: id, locale: lang });
    const program = (await (await page.request.post('/api/programs', { data: { name: 'Sumur Bor Desa', status: 'active' } })).json()) as { id: string };
    // someone else's task in another program: not on my list
    const other = (await (await page.request.post('/api/programs', { data: { name: 'Posyandu Lansia' } })).json()) as { id: string };
    expect((await page.request.post('/api/tasks', { data: { programId: other.id, title: 'Tugas tanpa penanggung jawab', dueDate: daysAgo(1) } })).status()).toBe(201);
    const fitsPhone = async (where: string) => {
      if (vp.phone) expect(await page.evaluate(() => document.documentElement.scrollWidth), `sideways scrolling on ${where}`).toBeLessThanOrEqual(vp.width);
    };

    await test.step('log an issue; without what happened it is refused and the impact typed is kept', async () => {
      await page.goto(`/programs/${program.id}?tab=issues`);
      await page.getByRole('button', { name: t('issues.add') }).click();
      const dialog = page.getByRole('dialog', { name: t('issues.newTitle') });
      await dialog.getByLabel(label('issues.impact')).fill('Warga dua dusun belum dapat air');
      await dialog.getByRole('button', { name: t('common.save'), exact: true }).click();
      await expect(dialog.getByText(lang === 'id' ? 'Wajib diisi.' : 'Required.')).toBeVisible();
      await expect(dialog.getByLabel(label('issues.impact'))).toHaveValue('Warga dua dusun belum dapat air');
      await fitsPhone('the issue dialog');
      await dialog.getByLabel(label('issues.description')).fill('Pompa air rusak setelah banjir');
      await dialog.getByRole('button', { name: t('common.save'), exact: true }).click();
      await expect(page.getByRole('dialog')).toHaveCount(0);
      await expect(page.getByTestId('issue')).toContainText('Pompa air rusak setelah banjir');
      await expect(page.getByTestId('issue')).toContainText(t('issues.statuses.open'));
    });

    await test.step('add a task for the issue, assigned to me, due three days ago: overdue in red', async () => {
      await page.getByRole('button', { name: t('issues.addTaskNamed', { name: 'Pompa air rusak setelah banjir' }) }).click();
      const dialog = page.getByRole('dialog', { name: t('tasks.newTitle') });
      await expect(dialog.getByRole('combobox', { name: t('tasks.assignee') })).toHaveValue('Ketut Arsana');
      await expect(dialog.getByRole('combobox', { name: t('tasks.link') })).toHaveValue('Pompa air rusak setelah banjir');
      await dialog.getByLabel(label('tasks.name')).fill('Panggil teknisi pompa');
      await dialog.getByLabel(label('tasks.dueDate')).fill(daysAgo(3));
      await dialog.getByRole('combobox', { name: t('tasks.priority') }).click();
      await page.getByRole('option', { name: t('tasks.priorities.urgent') }).click();
      await dialog.getByRole('button', { name: t('common.save'), exact: true }).click();
      await expect(page.getByRole('dialog')).toHaveCount(0);
      await page.getByRole('tab', { name: t('programs.tabs.tasks') }).click();
      const task = page.getByTestId('tasks').getByTestId('task');
      await expect(task).toHaveCount(1);
      await expect(task).toContainText('Panggil teknisi pompa');
      await expect(task.getByTestId('overdue')).toContainText(t('tasks.overdueDays', { count: 3 }));
      await expect(task).toContainText(`${t('tasks.linkTypes.issue')}: Pompa air rusak setelah banjir`);
      await fitsPhone('the program page with its issues and tasks');
    });

    await test.step('find it on My tasks from the navigation, overdue at the top', async () => {
      if (vp.phone) await page.getByRole('button', { name: t('shell.toggleNav') }).click();
      await page.getByRole('navigation', { name: t('shell.navigation') }).getByRole('link', { name: t('tasks.nav'), exact: true }).click();
      await expect(page.getByRole('heading', { level: 1, name: t('tasks.myTitle') })).toBeVisible();
      const rows = page.getByTestId('task');
      await expect(rows).toHaveCount(1);
      await expect(rows.first()).toHaveAttribute('data-overdue', 'true');
      await expect(rows.first()).toContainText('Sumur Bor Desa');
      await expect(page.getByText(t('tasks.overdueCount', { count: 1 }))).toBeVisible();
      await page.getByRole('searchbox', { name: t('tasks.search') }).fill('teknisi');
      await expect(page).toHaveURL(/q=teknisi/);
      await expect(rows).toHaveCount(1);
      await page.getByRole('searchbox', { name: t('tasks.search') }).fill('genset');
      await expect(page.getByText(t('tasks.noneMatch'))).toBeVisible();
      await page.getByRole('searchbox', { name: t('tasks.search') }).fill('');
      await page.getByRole('switch', { name: t('tasks.overdueOnly') }).or(page.getByRole('checkbox', { name: t('tasks.overdueOnly') })).check();
      await expect(rows).toHaveCount(1);
      await fitsPhone('My tasks');
    });

    await test.step('open it and comment on it', async () => {
      await page.getByRole('link', { name: 'Panggil teknisi pompa' }).click();
      await expect(page.getByRole('heading', { level: 1, name: 'Panggil teknisi pompa' })).toBeVisible();
      await page.getByLabel(label('tasks.comment')).fill('Teknisi datang Kamis pagi.');
      await page.getByRole('button', { name: t('tasks.send') }).click();
      await expect(page.getByTestId('comment')).toContainText('Teknisi datang Kamis pagi.');
      await expect(page.getByTestId('comment')).toContainText('Ketut Arsana');
      await expect(page.getByLabel(label('tasks.comment'))).toHaveValue('');
      await fitsPhone('the task page');
    });

    await test.step('mark it done: no longer overdue', async () => {
      await page.getByRole('combobox', { name: t('tasks.statusNamed', { name: 'Panggil teknisi pompa' }) }).click();
      await page.getByRole('option', { name: t('tasks.statuses.done') }).click();
      await expect(page.getByText(t('tasks.statusChanged', { name: 'Panggil teknisi pompa', status: t('tasks.statuses.done') }))).toBeVisible();
      await expect(page.getByTestId('overdue')).toHaveCount(0);
      await expect(page.getByTestId('history')).toContainText(t('tasks.statuses.done'));
    });

    await test.step('delete it, then undo from the notification', async () => {
      await page.getByRole('button', { name: t('common.delete'), exact: true }).click();
      await page.getByRole('dialog', { name: t('tasks.deleteTitle') }).getByRole('button', { name: t('common.delete') }).click();
      await expect(page.getByRole('heading', { level: 1, name: 'Sumur Bor Desa' })).toBeVisible();
      await expect(page.getByText(t('tasks.empty'))).toBeVisible();
      await page.getByRole('button', { name: t('common.undo') }).click();
      await expect(page.getByText(t('tasks.restored'))).toBeVisible();
      await expect(page.getByTestId('tasks').getByTestId('task')).toContainText('Panggil teknisi pompa');
      await expect(page.getByRole('combobox', { name: t('tasks.statusNamed', { name: 'Panggil teknisi pompa' }) })).toHaveValue(t('tasks.statuses.done'));
    });
  });
}
