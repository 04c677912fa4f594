"""Profiles a dataset with real whylogs, builds the requested built-in constraints, and prints the
profile's column metrics plus `generate_constraints_report(with_summary=True)` and `validate()`.

Input (stdin): {"data": {column: [values]}, "constraints": [[factory_name, [args...], {kwargs}]]}
Used by interop/constraints-report.test.ts.
"""
import importlib.util
import json
import os
import sys
import warnings

warnings.filterwarnings("ignore")

import pandas as pd  # noqa: E402
import whylogs as why  # noqa: E402
from whylogs.core.constraints import ConstraintsBuilder  # noqa: E402
from whylogs.core.constraints import factories  # noqa: E402

spec = importlib.util.spec_from_file_location("drift_oracle_module", os.path.join(os.path.dirname(__file__), "drift-oracle.py"))
helpers = importlib.util.module_from_spec(spec)
sys.argv = sys.argv[:1]
source = open(spec.origin).read().replace("\nmain()\n", "\n")
exec(compile(source, spec.origin, "exec"), helpers.__dict__)


def convert(argument):
    if isinstance(argument, dict) and "set" in argument:
        return set(argument["set"])
    if isinstance(argument, dict) and "float" in argument:
        return float(argument["float"])
    return argument


request = json.load(sys.stdin)
view = why.log(pd.DataFrame(request["data"])).view()
builder = ConstraintsBuilder(dataset_profile_view=view)
for name, args, kwargs in request["constraints"]:
    builder.add_constraint(getattr(factories, name)(*[convert(a) for a in args], **kwargs))
constraints = builder.build()
report = constraints.generate_constraints_report(with_summary=True)
print(
    json.dumps(
        helpers.clean(
            {
                "profile": helpers.export_view(view),
                "report": [list(row) for row in report],
                "reportJson": json.loads(json.dumps(report, default=str).replace("NaN", "null")),
                "validate": constraints.validate(),
            }
        ),
        allow_nan=False,
    )
)
