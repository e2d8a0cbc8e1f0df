import { ContainerModule } from 'inversify';
import { type InjectionContext, type PodEdit, SecretInjector, type SecretRequest } from '../../core/index.js';

/** One call a {@link FakeInjector} received. */
export interface FakeCall {
  readonly type: string;
  readonly secret: SecretRequest;
  readonly context: InjectionContext;
}

/**
 * A SecretInjector whose behaviour a test gives: `act` records edits and may throw. Every call is
 * pushed to `calls` (shared between fakes when the test passes one list to several).
 */
export class FakeInjector implements SecretInjector {
  constructor(
    readonly type: string,
    readonly act: (secret: SecretRequest, edit: PodEdit, context: InjectionContext) => void | Promise<void> = () => undefined,
    readonly calls: FakeCall[] = [],
  ) {}

  inject(secret: SecretRequest, edit: PodEdit, context: InjectionContext): void | Promise<void> {
    this.calls.push({ type: this.type, secret, context });
    return this.act(secret, edit, context);
  }
}

/** A plugin module contributing the given injectors, as a real plugin module would. */
export function fakeInjectorModule(...injectors: SecretInjector[]): ContainerModule {
  return new ContainerModule(({ bind }) => {
    for (const injector of injectors) bind(SecretInjector).toConstantValue(injector);
  });
}
