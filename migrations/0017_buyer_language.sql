-- The language the buyer saw the payment form in (the widget's: en, fr, de): their receipts are written in it.
ALTER TABLE transactions ADD COLUMN buyer_language text NOT NULL DEFAULT 'en' CHECK (buyer_language IN ('en', 'fr', 'de'));
