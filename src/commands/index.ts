/// <reference types="office-js" />
/**
 * Registers the ribbon's functions with Office. The manifest's FunctionFile is the task pane page itself
 * (shared runtime), so index.tsx calls this once Office is ready, with the same controller the pane uses.
 */
import { createRibbonCommands, type CommandDeps } from './commands';

export { createRibbonCommands } from './commands';
export type { CommandController, CommandDeps, CommandEvent, RibbonCommands } from './commands';

type Associate = (name: string, fn: (event: Office.AddinCommands.Event) => void) => void;

/** False outside a host that runs add-in commands (the workbench, Excel on iPad): the pane still works. */
export function registerRibbonCommands(
  deps: CommandDeps,
  associate: Associate | undefined = officeAssociate(),
): boolean {
  if (associate === undefined) return false;
  const commands = createRibbonCommands(deps);
  for (const [name, run] of Object.entries(commands)) {
    associate(name, (event) => void run(event));
  }
  return true;
}

function officeAssociate(): Associate | undefined {
  if (typeof Office === 'undefined' || typeof Office.actions?.associate !== 'function') return undefined;
  return (name, fn) => Office.actions.associate(name, fn);
}
