import type { WithDefault } from './call-arguments';
import type { TypeDescriptor } from './type-descriptor';

/**
 * The same type with a default value: the input may be left out (by Python callers and by
 * inputs.pb) and `tasklens describe` declares the default, as a Python parameter default would.
 */
export function withDefault<Descriptor extends TypeDescriptor<any>>(
  descriptor: Descriptor,
  value: Descriptor extends TypeDescriptor<infer Value> ? Value : never,
): WithDefault<Descriptor> {
  const checked = descriptor.validate(value, 'default');
  // A prototype link keeps class-based descriptors (methods, getters) working unchanged.
  return Object.assign(Object.create(descriptor) as Descriptor, {
    default: { value: checked },
  }) as WithDefault<Descriptor>;
}
