# syntax=docker/dockerfile:1
# The Photocollect image: the web app with its co-hosted Orleans silo and the native vision engine.
#   docker build -t photocollect:0.1.0 .
# The vision engine is built and calibrated against Debian 12's OpenCV 4.6 and dlib (decision 004), and Microsoft
# publishes no Debian image for .NET 10 (only Ubuntu, Alpine, Azure Linux), so both stages are Debian 12 with
# .NET copied in from Microsoft's images (/usr/share/dotnet is self-contained). global.json asks for an SDK of the
# 10.0.400 band or later.
ARG DOTNET_SDK_IMAGE=mcr.microsoft.com/dotnet/sdk:10.0
ARG DOTNET_RUNTIME_IMAGE=mcr.microsoft.com/dotnet/aspnet:10.0

FROM ${DOTNET_SDK_IMAGE} AS dotnet-sdk
FROM ${DOTNET_RUNTIME_IMAGE} AS dotnet-runtime

FROM debian:bookworm-slim AS build
# What ./photocollect installs for the vision engine, less the model files the build does not read; npm and openssl
# fetch and check the learned models (src/Vision/fetch-models.sh), which the publish output carries in models/.
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
      ca-certificates libicu72 libssl3 zlib1g \
      cmake make g++ pkg-config libopencv-dev libopencv-contrib-dev libdlib-dev npm openssl \
 && rm -rf /var/lib/apt/lists/*
COPY --from=dotnet-sdk /usr/share/dotnet /usr/share/dotnet
RUN ln -s /usr/share/dotnet/dotnet /usr/bin/dotnet
ENV DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
WORKDIR /src
# Project files first: the restore layer is reused until a package or project reference changes.
COPY global.json Directory.Build.props Directory.Packages.props ./
COPY src/Accounts/Accounts.csproj src/Accounts/
COPY src/Collection/Collection.csproj src/Collection/
COPY src/Data/Data.csproj src/Data/
COPY src/Delivery/Delivery.csproj src/Delivery/
COPY src/Grains/Grains.csproj src/Grains/
COPY src/Payments/Payments.csproj src/Payments/
COPY src/Sms/Sms.csproj src/Sms/
COPY src/Tenancy/Tenancy.csproj src/Tenancy/
COPY src/Vision/Vision.csproj src/Vision/
COPY src/Web/Web.csproj src/Web/
RUN dotnet restore src/Web/Web.csproj
COPY src/ src/
# Vision.csproj runs cmake for libpcvision.so; the publish output carries it next to the assemblies.
RUN dotnet publish src/Web/Web.csproj -c Release --no-restore -o /app \
 && test -f /app/libpcvision.so \
 && test -f /app/models/faceres.json && test -f /app/models/faceres.bin

FROM debian:bookworm-slim AS runtime
# Runtime libraries only: .NET's (ICU for the zh-CN culture, OpenSSL, zlib), the OpenCV modules libpcvision.so
# links (core, imgproc, imgcodecs, objdetect, calib3d; face, quality and wechat_qrcode are in contrib), and the
# model files the engine opens (opencv-data: Haar cascades and BRISQUE; libdlib-data: the 68-point landmark
# model). dlib itself is header code compiled into libpcvision.so: libdlib19.1 is not needed. fonts-noto-cjk: the
# captions of the print sheets (Noto Sans CJK SC, opened from its file by SkiaSharp, whose native library needs nothing else).
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
      ca-certificates tzdata libicu72 libssl3 zlib1g libstdc++6 libgcc-s1 \
      libopencv-core406 libopencv-imgproc406 libopencv-imgcodecs406 libopencv-objdetect406 \
      libopencv-calib3d406 libopencv-contrib406 \
      opencv-data libdlib-data fonts-noto-cjk \
 && rm -rf /var/lib/apt/lists/*
COPY --from=dotnet-runtime /usr/share/dotnet /usr/share/dotnet
# The same non-root user as Microsoft's images (uid 1654); the chart's securityContext names it.
RUN ln -s /usr/share/dotnet/dotnet /usr/bin/dotnet \
 && groupadd --gid 1654 app \
 && useradd --uid 1654 --gid app --no-create-home --home-dir /app --shell /usr/sbin/nologin app
WORKDIR /app
COPY --from=build /app ./
# Fail the build, not the first photo check: every library the engine links resolves and every model file it opens
# by default (Photocollect.Vision.VisionModels) is where it looks; so is the print captions' font.
RUN ! ldd /app/libpcvision.so | grep 'not found' \
 && test -f /usr/share/opencv4/haarcascades/haarcascade_frontalface_alt2.xml \
 && test -f /usr/share/dlib/shape_predictor_68_face_landmarks.dat \
 && test -f /usr/share/opencv4/quality/brisque_model_live.yml \
 && test -f /usr/share/opencv4/quality/brisque_range_live.yml \
 && test -f /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc
USER app
# DOTNET_TC_CallCountingDelayMs=0: tiered compilation counts calls from the first request instead of waiting for
# start-up-like activity to stop, so a fresh instance under a crowd reaches full speed in about half the time
# (docs/decisions/015-tiering-from-the-first-request.md; ./photocollect's APP_RUNTIME is the same list).
ENV ASPNETCORE_HTTP_PORTS=8080 \
    ASPNETCORE_ENVIRONMENT=Production \
    DOTNET_RUNNING_IN_CONTAINER=true \
    DOTNET_TC_CallCountingDelayMs=0
# HTTP, Orleans silo-to-silo, Orleans gateway (charts/photocollect uses the same three).
EXPOSE 8080 11111 30000
ENTRYPOINT ["dotnet", "Photocollect.Web.dll"]
