-- What each take's recording says about how far its figures can be
-- believed: the recorder's sample rate, the estimated speech-to-noise
-- ratio, the share of samples at full scale and the times input audio was
-- lost. A sample rate of 0 marks a take recorded before they were kept,
-- whose other three are unknown.
ALTER TABLE takes ADD COLUMN sample_rate INTEGER NOT NULL DEFAULT 0 CHECK (sample_rate >= 0);
ALTER TABLE takes ADD COLUMN snr_db REAL NOT NULL DEFAULT 0;
ALTER TABLE takes ADD COLUMN clipped REAL NOT NULL DEFAULT 0 CHECK (clipped BETWEEN 0 AND 1);
ALTER TABLE takes ADD COLUMN overflows INTEGER NOT NULL DEFAULT 0 CHECK (overflows >= 0);
