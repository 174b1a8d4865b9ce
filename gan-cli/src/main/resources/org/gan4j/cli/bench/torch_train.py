#!/usr/bin/python3
"""The PyTorch script a user would write for the GAN a gan4j config describes: the end-to-end
reference of `gan4j bench --train` (same data, networks, initialisation, loss, optimizer, batch,
schedule and generator average), timed as a whole process.

gan4j's copy of ../shared/bench/torch_train.py, extended with what the example configs use that
the original lacks: the 28x28 `infogan` pair of examples/quickstart.yaml, the generator's moving
average (`optimizer.ema`), schedules by iterations, per-network settings, and data given as the
exact array gan4j trains on. `gan4j bench --train` maps a config to these flags (BenchTrainFlags)
and refuses, naming the field, a config this script cannot mirror.

usage: /usr/bin/python3 torch_train.py mlp|dcgan|infogan OUT.npy --data DATA.npy [--epochs N | --iterations N]
       [--batch 64] [--latent 100] [--noise uniform|normal] [--hidden 256,512,1024] [--d-hidden 1024,512,256]
       [--g-leaky 0.2] [--leaky 0.2] [--g-dropout 0.3] [--d-dropout 0.3] [--ngf 64] [--ndf 64]
       [--g-dense 1024] [--d-dense 1024] [--d-norm batch|none] [--loss ns|mm|wgan] [--real-label 0.9]
       [--clip 0.01] [--d-steps 1] [--g-steps 1] [--opt adam|rmsprop|sgd] [--g-lr 2e-4] [--d-lr 2e-4]
       [--beta1 0.5] [--beta2 0.999] [--eps 1e-8] [--ema 0] [--threads 1] [--seed 42] [--n 64]
DATA.npy: float32 (N, C, H, W) in [-1, 1], as `gan4j bench --train` writes it from the config's dataset.
Prints `wall_s=` (from the interpreter's start) and `train_s=`. Writes N samples of the generator
(eval mode; the average when there is one) as OUT.npy, (N, C, H, W) in [-1, 1].
"""
import argparse, os, sys, time  # noqa: E401
T_START = time.time()
import numpy as np  # noqa: E402
import torch, torch.nn as nn, torch.nn.functional as F  # noqa: E401,E402


def widths(text):
    return [int(w) for w in text.split(",") if w.strip()] if text else []


def mlp(a, image):
    """gan4j's mlp pair: dense + LeakyReLU + dropout per hidden layer; G ends in tanh, D in one raw score."""
    size = int(np.prod(image))

    def stack(sizes, slope, p, last):
        layers = []
        for n_in, n_out in zip(sizes[:-1], sizes[1:]):
            layers += [nn.Linear(n_in, n_out), nn.LeakyReLU(slope)]
            if p > 0:
                layers.append(nn.Dropout(p))
        layers.append(nn.Linear(sizes[-1], last))
        return layers

    g_hidden = widths(a.hidden)
    d_hidden = widths(a.d_hidden) if a.d_hidden is not None else list(reversed(g_hidden))
    G = nn.Sequential(*stack([a.latent] + g_hidden, a.g_leaky, a.g_dropout, size), nn.Tanh(), nn.Unflatten(1, image))
    D = nn.Sequential(nn.Flatten(), *stack([size] + d_hidden, a.leaky, a.d_dropout, 1))
    return G, D


def dcgan(a, image):
    """gan4j's dcgan pair (the PyTorch DCGAN tutorial's networks) at 32x32 or 64x64."""
    nc, size = image[0], image[1]
    if size not in (32, 64):
        fail(f"the dcgan networks are built for 32x32 or 64x64 images, not {size}x{size}")
    top = 8 if size == 64 else 4
    mult = top
    g = [nn.Unflatten(1, (a.latent, 1, 1)), nn.ConvTranspose2d(a.latent, a.ngf * mult, 4, 1, 0, bias=False),
         nn.BatchNorm2d(a.ngf * mult), nn.ReLU(True)]
    while mult > 1:
        g += [nn.ConvTranspose2d(a.ngf * mult, a.ngf * mult // 2, 4, 2, 1, bias=False), nn.BatchNorm2d(a.ngf * mult // 2), nn.ReLU(True)]
        mult //= 2
    g += [nn.ConvTranspose2d(a.ngf, nc, 4, 2, 1, bias=False), nn.Tanh()]
    d = [nn.Conv2d(nc, a.ndf, 4, 2, 1, bias=False), nn.LeakyReLU(a.leaky, True)]
    mult = 1
    while mult < top:
        d += [nn.Conv2d(a.ndf * mult, a.ndf * mult * 2, 4, 2, 1, bias=False)]
        d += [nn.BatchNorm2d(a.ndf * mult * 2)] if a.d_norm == "batch" else []
        d += [nn.LeakyReLU(a.leaky, True)]
        mult *= 2
    d += [nn.Conv2d(a.ndf * mult, 1, 4, 1, 0, bias=False), nn.Flatten()]
    return nn.Sequential(*g), nn.Sequential(*d)


def infogan(a, image):
    """gan4j's infogan pair (InfoGAN's MNIST networks as in Lucic et al. 2018, without the Q head)."""
    nc, q = image[0], image[1] // 4
    g, width = [], a.latent
    if a.g_dense > 0:
        g += [nn.Linear(a.latent, a.g_dense), nn.BatchNorm1d(a.g_dense), nn.ReLU(True)]
        width = a.g_dense
    g += [nn.Linear(width, 2 * a.ngf * q * q), nn.Unflatten(1, (2 * a.ngf, q, q)), nn.BatchNorm2d(2 * a.ngf), nn.ReLU(True),
          nn.ConvTranspose2d(2 * a.ngf, a.ngf, 4, 2, 1, bias=False), nn.BatchNorm2d(a.ngf), nn.ReLU(True),
          nn.ConvTranspose2d(a.ngf, nc, 4, 2, 1), nn.Tanh()]
    norm = a.d_norm == "batch"
    d = [nn.Conv2d(nc, a.ndf, 4, 2, 1), nn.LeakyReLU(a.leaky, True), nn.Conv2d(a.ndf, 2 * a.ndf, 4, 2, 1, bias=False)]
    d += [nn.BatchNorm2d(2 * a.ndf)] if norm else []
    d += [nn.LeakyReLU(a.leaky, True), nn.Flatten()]
    width = 2 * a.ndf * q * q
    if a.d_dense > 0:
        d += [nn.Linear(width, a.d_dense)] + ([nn.BatchNorm1d(a.d_dense)] if norm else []) + [nn.LeakyReLU(a.leaky, True)]
        width = a.d_dense
    d += [nn.Linear(width, 1)]
    return nn.Sequential(*g), nn.Sequential(*d)


NETWORKS = {"mlp": mlp, "dcgan": dcgan, "infogan": infogan}


def dcgan_init(*nets):
    """gan4j's DcganInit (dcgan and infogan): weights N(0, 0.02), biases 0, batch-norm scale N(1, 0.02)."""
    for m in (m for net in nets for m in net.modules()):
        if isinstance(m, (nn.Conv2d, nn.ConvTranspose2d, nn.Linear)):
            nn.init.normal_(m.weight, 0, 0.02)
            if m.bias is not None:
                nn.init.zeros_(m.bias)
        elif isinstance(m, (nn.BatchNorm1d, nn.BatchNorm2d)):
            nn.init.normal_(m.weight, 1, 0.02)
            nn.init.zeros_(m.bias)


def optimizer(a, lr, params):
    if a.opt == "adam":
        return torch.optim.Adam(params, lr=lr, betas=(a.beta1, a.beta2), eps=a.eps)
    if a.opt == "rmsprop":
        return torch.optim.RMSprop(params, lr=lr, alpha=a.decay, eps=a.eps)
    return torch.optim.SGD(params, lr=lr, momentum=a.momentum)


def losses(a):
    """(discriminator loss(real scores, fake scores), generator loss(fake scores))."""
    if a.loss == "wgan":
        return lambda dr, df: df.mean() - dr.mean(), lambda df: -df.mean()

    def d_loss(dr, df):
        return F.binary_cross_entropy_with_logits(dr, torch.full_like(dr, a.real_label)) + \
            F.binary_cross_entropy_with_logits(df, torch.zeros_like(df))
    if a.loss == "mm":
        return d_loss, lambda df: -F.binary_cross_entropy_with_logits(df, torch.zeros_like(df))
    return d_loss, lambda df: F.binary_cross_entropy_with_logits(df, torch.ones_like(df))


def fail(message):
    print("torch_train.py: " + message, file=sys.stderr)
    sys.exit(2)


def arguments():
    ap = argparse.ArgumentParser()
    ap.add_argument("model", choices=sorted(NETWORKS))
    ap.add_argument("out")
    ap.add_argument("--data", required=True)
    ap.add_argument("--epochs", type=int, default=0)
    ap.add_argument("--iterations", type=int, default=0)
    ap.add_argument("--batch", type=int, default=64)
    ap.add_argument("--latent", type=int, default=100)
    ap.add_argument("--noise", default="uniform", choices=["uniform", "normal"])
    ap.add_argument("--hidden", default="256,512,1024")
    ap.add_argument("--d-hidden", default=None)
    ap.add_argument("--g-leaky", type=float, default=0.2)
    ap.add_argument("--leaky", type=float, default=0.2)
    ap.add_argument("--g-dropout", type=float, default=0.3)
    ap.add_argument("--d-dropout", type=float, default=0.3)
    ap.add_argument("--ngf", type=int, default=64)
    ap.add_argument("--ndf", type=int, default=64)
    ap.add_argument("--g-dense", type=int, default=1024)
    ap.add_argument("--d-dense", type=int, default=1024)
    ap.add_argument("--d-norm", default="batch", choices=["batch", "none"])
    ap.add_argument("--loss", default="ns", choices=["ns", "mm", "wgan"])
    ap.add_argument("--real-label", type=float, default=1.0)
    ap.add_argument("--clip", type=float, default=0.01)
    ap.add_argument("--d-steps", type=int, default=1)
    ap.add_argument("--g-steps", type=int, default=1)
    ap.add_argument("--opt", default="adam", choices=["adam", "rmsprop", "sgd"])
    ap.add_argument("--g-lr", type=float, default=2e-4)
    ap.add_argument("--d-lr", type=float, default=2e-4)
    ap.add_argument("--beta1", type=float, default=0.5)
    ap.add_argument("--beta2", type=float, default=0.999)
    ap.add_argument("--eps", type=float, default=1e-8)
    ap.add_argument("--decay", type=float, default=0.99)
    ap.add_argument("--momentum", type=float, default=0.0)
    ap.add_argument("--ema", type=float, default=0.0)
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--n", type=int, default=64)
    a = ap.parse_args()
    if (a.epochs > 0) == (a.iterations > 0):
        fail("give --epochs N or --iterations N (one of them)")
    return a


def main():
    a = arguments()
    torch.set_num_threads(a.threads)
    torch.manual_seed(a.seed)
    if not os.path.isfile(a.data):
        fail(f"no data file {a.data} (--data)")
    x = torch.from_numpy(np.load(a.data).astype(np.float32, copy=False))
    image = tuple(x.shape[1:])
    G, D = NETWORKS[a.model](a, image)
    if a.model != "mlp":
        dcgan_init(G, D)
    count = lambda net: sum(p.numel() for p in net.parameters())  # noqa: E731
    print(f"parameters generator={count(G)} discriminator={count(D)}")
    if a.noise == "uniform":
        def noise(b):
            return torch.rand(b, a.latent) * 2 - 1
    else:
        def noise(b):
            return torch.randn(b, a.latent)
    opt_g, opt_d = optimizer(a, a.g_lr, G.parameters()), optimizer(a, a.d_lr, D.parameters())
    d_loss, g_loss = losses(a)
    # gan4j's GeneratorAverage: weights and batch-norm statistics, decay min(ema, (1 + t) / (10 + t)) after generator step t
    live = [t for t in list(G.parameters()) + list(G.buffers()) if t.is_floating_point()]
    average = [t.detach().clone() for t in live] if a.ema > 0 else None

    b, nb = a.batch, len(x) // a.batch
    epochs = a.epochs if a.epochs > 0 else 10 ** 9
    t0 = time.time()
    it = g_step = ep = 0
    while ep < epochs and (a.iterations == 0 or it < a.iterations):
        perm = torch.randperm(len(x))
        k = 0
        while k < nb and (a.iterations == 0 or it < a.iterations):
            fake = None
            for _ in range(min(a.d_steps, nb - k)):  # the epoch's last iteration may do fewer, as in gan4j
                real = x[perm[k * b:(k + 1) * b]]
                k += 1
                fake = G(noise(b))
                dl = d_loss(D(real).view(-1), D(fake.detach()).view(-1))
                opt_d.zero_grad()
                dl.backward()
                opt_d.step()
                if a.loss == "wgan":
                    with torch.no_grad():
                        for p in D.parameters():
                            p.clamp_(-a.clip, a.clip)
            for s in range(a.g_steps):
                if s > 0 or fake is None:
                    fake = G(noise(b))
                gl = g_loss(D(fake).view(-1))
                opt_g.zero_grad()
                gl.backward()
                opt_g.step()
                g_step += 1
            it += 1
            if average is not None:
                d = min(a.ema, (1.0 + g_step) / (10.0 + g_step))
                with torch.no_grad():
                    for avg, w in zip(average, live):
                        avg.lerp_(w, 1 - d)
        ep += 1
    train_s = time.time() - t0
    if average is not None:
        with torch.no_grad():
            for avg, w in zip(average, live):
                w.copy_(avg)
    G.eval()
    with torch.no_grad():
        s = G(noise(a.n))
    np.save(a.out, s.numpy())
    print(f"{a.model} {a.loss}: {it} iterations, {ep} epochs, {train_s:.1f} s -> {a.out}")
    print(f"wall_s={time.time() - T_START:.2f} train_s={train_s:.2f}")


if __name__ == "__main__":
    main()
