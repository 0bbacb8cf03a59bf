"""Optuna's TPE sampler driven over stdin/stdout by dev.vernier.benchmarks.tuning.OptunaTpe.

Protocol, one line each way:
  study <seed> <d> <constrained 0|1> <x0 ... x(d-1)>  -> ok       (new study; the start is enqueued first)
  ask                                                  -> <x0 ... x(d-1)> in [0, 1]
  tell <value> <constraint>                            -> ok       (maximised; constraint <= 0 is feasible)
  quit
"""
import sys
import warnings

warnings.filterwarnings("ignore")
import optuna  # noqa: E402

optuna.logging.set_verbosity(optuna.logging.WARNING)


def main():
    study = None
    trial = None
    d = 0
    for line in sys.stdin:
        parts = line.split()
        if not parts:
            continue
        cmd = parts[0]
        if cmd == "study":
            seed, d, constrained = int(parts[1]), int(parts[2]), parts[3] == "1"
            start = [float(v) for v in parts[4:4 + d]]
            kwargs = {"seed": seed}
            if constrained:
                kwargs["constraints_func"] = lambda t: (t.user_attrs["c"],)
            study = optuna.create_study(direction="maximize", sampler=optuna.samplers.TPESampler(**kwargs))
            study.enqueue_trial({"x%d" % j: start[j] for j in range(d)})
            print("ok", flush=True)
        elif cmd == "ask":
            trial = study.ask()
            xs = [trial.suggest_float("x%d" % j, 0.0, 1.0) for j in range(d)]
            print(" ".join(repr(x) for x in xs), flush=True)
        elif cmd == "tell":
            trial.set_user_attr("c", float(parts[2]))
            study.tell(trial, float(parts[1]))
            print("ok", flush=True)
        elif cmd == "quit":
            break


if __name__ == "__main__":
    main()
