import type { Decider } from '@peiyu/eventstore';
import { decideIntake, type IntakeCommand } from './application-intake';
import { decideReview, type ReviewCommand } from './application-review';
import { evolveApplication, initialApplicationState, type ApplicationState } from './application-state';
import type { ApplicationEvent } from './events';
import type { ApplicationPorts } from './ports';

/** Every command of an application stream (`hnte-application-{batchId}-{uscc}`). */
export type ApplicationCommand = IntakeCommand | ReviewCommand;

const INTAKE = new Set<ApplicationCommand['type']>([
  'DraftHnteApplication',
  'EditHnteApplication',
  'SubmitHnteApplication',
  'ResubmitHnteApplication',
  'WithdrawHnteApplication',
  'RecommendHnteApplication',
  'ReturnHnteApplication',
  'DeclineHnteApplication',
]);

/** The application decider with the shell's lookups bound in; build one per request. */
export function applicationDecider(
  ports: ApplicationPorts,
): Decider<ApplicationState, ApplicationCommand, ApplicationEvent> {
  return {
    initialState: initialApplicationState,
    evolve: evolveApplication,
    decide(command, state, ctx) {
      return INTAKE.has(command.type)
        ? decideIntake(state, command as IntakeCommand, ctx.today, ports)
        : decideReview(state, command as ReviewCommand, ctx.today, ports);
    },
  };
}
